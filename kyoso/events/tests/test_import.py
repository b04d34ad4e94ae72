"""Importing past events from CSV: formats, every problem with its line, all or nothing,
idempotence, encodings, the command and the secretariat's upload form."""

from __future__ import annotations

import io
from datetime import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from kyoso.audit.models import AuditEvent
from kyoso.events.models import Event, EventKind, EventMode
from kyoso.events.services.importing import (
    WEB_MAX_ROWS,
    ImportFileError,
    ImportRefused,
    decode,
    events_import,
    parse_guests,
    parse_times,
)
from kyoso.events.tests.builders import tokyo
from kyoso.orgs.tests.factories import OrganizationFactory

HEADER = "種類,日付,時間,タイトル,テーマ,テーマ分類,ゲスト,対象,開催方法,会場,参加人数,内容\n"
GOOD = (
    HEADER
    + "定例会,令和3年4月1日（木）,１９：００～２０：００,第1回定例会,,,,,オンライン,Zoom,10人,\n"
    + "テーマ勉強会,R3.6.4,19:00〜20:15,第1回勉強会,生理用品配布,gender,"
    + "多賀城市健康福祉部生活支援課 課長 柴田光起,関心のある人,online,Zoom,14,報告と意見交換\n"
    + "hearing,2021/7/1,,聞き取り,,,,,会場,市民センター,,\n"
)


def run(actor, text: str, *, encoding: str = "utf-8", **kwargs):
    return events_import(actor=actor, data=text.encode(encoding), source="past.csv", **kwargs)


def problems_of(actor, text: str) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        run(actor, text)
    return [str(p) for p in refused.value.problems]


# --- Reading ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "19:00～20:15",
        "１９：００～２０：１５",
        "19:00〜20:15",
        "19:00~20:15",
        "19:00-20:15",
        "19時～20時15分",
        " 19:00 ～ 20:15 ",
    ],
)
def test_time_ranges_in_every_common_writing(text):
    assert parse_times(text) == (time(19, 0), time(20, 15))


@pytest.mark.parametrize("text", ["19:00", "夜", "25:00～26:00", "19:00～20:75"])
def test_unreadable_times(text):
    assert parse_times(text) is None


def test_guests_split_into_affiliation_title_and_name():
    guests = parse_guests(
        "「多賀城市健康福祉部生活支援課 課長 柴田光起」／NPO法人ほっぷすてっぷ　森田みさ;今野"
    )
    assert [(g.affiliation, g.title, g.name) for g in guests] == [
        ("多賀城市健康福祉部生活支援課", "課長", "柴田光起"),
        ("NPO法人ほっぷすてっぷ", "", "森田みさ"),
        ("", "", "今野"),
    ]


def test_utf8_with_and_without_bom_and_shift_jis_read_the_same():
    assert decode(GOOD.encode("utf-8")) == GOOD
    assert decode(GOOD.encode("utf-8-sig")) == GOOD
    # Shift_JIS has one wave dash: 〜 (U+301C) comes back as ～ (U+FF5E); both read as "to".
    assert decode(GOOD.encode("cp932")) == GOOD.replace("〜", "～")


def test_unreadable_encoding_is_refused_with_advice():
    with pytest.raises(ImportFileError) as error:
        decode(b"\x80\x81\xff\xfe\x85")
    assert "UTF-8" in error.value.message and "Shift_JIS" in error.value.message


# --- Importing ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_good_file_is_imported_with_every_field(sato):
    org = OrganizationFactory()
    result = run(sato, GOOD, organization=org)
    assert len(result.created) == 3 and result.skipped == 0
    regular, study, hearing = Event.objects.order_by("starts_at")
    assert regular.kind == EventKind.REGULAR
    assert regular.starts_at == tokyo(2021, 4, 1, 19, 0)
    assert regular.ends_at == tokyo(2021, 4, 1, 20, 0)
    assert regular.counted_attendance == 10
    assert regular.mode == EventMode.ONLINE and regular.venue_name == "Zoom"
    assert regular.imported_from == "past.csv:2"
    assert regular.organization == org and regular.created_by == sato
    assert study.kind == EventKind.STUDY and study.theme == "gender"
    assert study.topic == "生理用品配布" and study.audience == "関心のある人"
    assert study.starts_at == tokyo(2021, 6, 4, 19, 0) and study.ends_at == tokyo(
        2021, 6, 4, 20, 15
    )
    assert [(g.affiliation, g.title, g.name) for g in study.guests.all()] == [
        ("多賀城市健康福祉部生活支援課", "課長", "柴田光起")
    ]
    assert hearing.all_day and hearing.starts_at == tokyo(2021, 7, 1, 0, 0)
    assert hearing.ends_at == tokyo(2021, 7, 2, 0, 0)
    assert hearing.mode == EventMode.VENUE
    assert AuditEvent.objects.filter(action="event.import").count() == 1


@pytest.mark.django_db(transaction=True)
def test_imported_events_are_found_by_search(sato):
    from kyoso.search.services import matching_ids

    run(sato, GOOD)
    study = Event.objects.get(title="第1回勉強会")
    assert matching_ids("柴田光起", type="events") == [study.pk]


@pytest.mark.django_db
def test_shift_jis_file_from_excel_is_imported(sato):
    result = run(sato, GOOD.replace("\n", "\r\n"), encoding="cp932")
    assert len(result.created) == 3
    assert Event.objects.get(title="第1回勉強会").guests.get().name == "柴田光起"


@pytest.mark.django_db
def test_importing_the_same_file_twice_adds_nothing(sato):
    run(sato, GOOD)
    again = run(sato, GOOD)
    assert again.created == [] and again.skipped == 3
    assert Event.objects.count() == 3
    assert AuditEvent.objects.filter(action="event.import").count() == 1


@pytest.mark.django_db
def test_every_problem_is_reported_with_its_line_and_nothing_is_imported(sato):
    text = (
        HEADER
        + "定例会,令和3年4月1日（木）,19:00～20:00,よい行,,,,,,,10,\n"  # line 2: fine
        + "# コメント行は読み飛ばします,,,,,,,,,,,\n"  # line 3
        + "懇親会,令和3年4月2日（金）,19:00～20:00,種類が違う,,,,,,,,\n"  # line 4
        + "定例会,令和3年7月29日（日）,19:00～20:15,曜日が違う,,,,,,,,\n"  # line 5
        + "定例会,令和3年2月30日,19:00～20:00,ない日付,,,,,,,,\n"  # line 6
        + "定例会,2021-04-05,20:00～19:00,終わりが先,,,,,,,,\n"  # line 7
        + "定例会,2021-04-06,19:00～20:00,,,,,,,,,\n"  # line 8: no title
        + "定例会,令和3年4月1日（木）,19:00～20:00,よい行,,,,,,,10,\n"  # line 9: duplicate of 2
        + "定例会,2021-04-07,19:00～20:00,人数,,,,,,,十人,\n"  # line 10
        + "定例会,2021-04-08,19:00～20:00,分類,,宇宙,,,宇宙船,,,\n"  # line 11
    )
    problems = problems_of(sato, text)
    assert problems == [
        "4行目: 種類「懇親会」はありません。使えるのは "
        "定例会・テーマ勉強会・勉強会・アイデアイベント・アイデアソン・ヒアリング・その他 です。",
        "5行目: 令和3年7月29日は木曜日です（（日）と書かれています）。",
        "6行目: 令和3年2月30日という日付はありません。",
        "7行目: 終了時刻（19:00）が開始時刻（20:00）より前です。",
        "8行目: 「タイトル」が空です。",
        "9行目: 2行目と同じイベント（種類・開始日時・タイトル）です。",
        "10行目: 参加人数「十人」は0以上の整数で書いてください。",
        problems[7],
        "11行目: 開催方法「宇宙船」はありません。会場・オンライン・ハイブリッドのどれかです。",
    ]
    assert problems[7].startswith("11行目: テーマ分類「宇宙」はありません。")
    assert Event.objects.count() == 0
    assert not AuditEvent.objects.filter(action="event.import").exists()


@pytest.mark.django_db
def test_line_numbers_count_lines_inside_quoted_cells(sato):
    text = (
        HEADER
        + '定例会,2021-04-01,19:00～20:00,一行目,,,,,,,,"二行に\nわたる内容"\n'
        + ("定例会,2021-04-02,19:00～,壊れた時刻,,,,,,,,\n")
    )
    assert problems_of(sato, text) == [
        "4行目: 「19:00～」は時刻として読み取れません。「19:00～20:15」の形で書いてください。"
    ]


@pytest.mark.django_db
def test_missing_and_unknown_columns_are_reported(sato):
    assert problems_of(sato, "種類,時間,会場\n定例会,19:00～20:00,Zoom\n") == [
        "1行目: 必須の列がありません: 日付、タイトル。"
        "1行目の見出しを確かめてください（docs/events-import.md）。"
    ]
    assert problems_of(sato, "種類,日付,タイトル,備考\n定例会,2021-04-01,会,メモ\n") == [
        "1行目: 知らない列があります: 備考。列名を確かめてください。"
    ]


@pytest.mark.django_db
def test_english_headers_and_codes_are_accepted(sato):
    result = run(sato, "kind,date,time,title,mode\nstudy,2021-04-01,19:00-20:00,Study,hybrid\n")
    (event,) = result.created
    assert event.kind == EventKind.STUDY and event.mode == EventMode.HYBRID


@pytest.mark.django_db
def test_header_only_file_has_no_rows(sato):
    assert problems_of(sato, HEADER) == ["取り込む行がありません。"]
    with pytest.raises(ImportFileError):
        run(sato, "")


@pytest.mark.django_db
def test_row_limit_of_the_web_form(sato):
    rows = "".join(f"定例会,2021-04-01,19:00～20:00,会{i},,,,,,,,\n" for i in range(4))
    with pytest.raises(ImportFileError) as error:
        run(sato, HEADER + rows, max_rows=3)
    assert "3行まで" in error.value.message
    assert Event.objects.count() == 0


# --- The command --------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_imports_a_file_and_reports(sato, tmp_path):
    path = tmp_path / "past.csv"
    path.write_bytes(GOOD.encode("cp932"))
    out = io.StringIO()
    call_command("import_events", str(path), "--no-progress", stdout=out)
    assert "3件を取り込みました" in out.getvalue()
    assert Event.objects.filter(imported_from="past.csv:2", created_by=sato).exists()
    call_command("import_events", str(path), "--no-progress", stdout=out)
    assert Event.objects.count() == 3


@pytest.mark.django_db
def test_command_lists_problems_and_imports_nothing(sato, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "定例会,令和3年9月29日（木）,19:00～20:15,第4回,,,,,,,19,\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="何も取り込んでいません"):
        call_command("import_events", str(path), stderr=err)
    assert (
        "bad.csv: 2行目: 令和3年9月29日は水曜日です（（木）と書かれています）。" in err.getvalue()
    )
    assert Event.objects.count() == 0


@pytest.mark.django_db
def test_command_refuses_an_unknown_creator_or_organization(sato, tmp_path):
    path = tmp_path / "past.csv"
    path.write_text(GOOD)
    with pytest.raises(CommandError, match=r"nobody@example\.jp"):
        call_command("import_events", str(path), "--as", "nobody@example.jp")
    with pytest.raises(CommandError, match="no-such-org"):
        call_command("import_events", str(path), "--organization", "no-such-org")
    assert Event.objects.count() == 0


# --- The upload form ----------------------------------------------------------------------

URL = reverse("events:import")


def upload(client, text: str | bytes, **data):
    content = text.encode() if isinstance(text, str) else text
    return client.post(URL, {"file": SimpleUploadedFile("past.csv", content), **data})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"), [(None, 302), ("suzuki", 403), ("takahashi", 403), ("sato", 200)]
)
def test_only_the_secretariat_may_import(client, request, persona, status):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get(URL)
    assert response.status_code == status
    if persona is None:
        assert response["Location"].startswith(reverse("accounts:login"))
    posted = upload(client, GOOD)
    assert posted.status_code == status
    assert Event.objects.exists() == (persona == "sato")


@pytest.mark.django_db
def test_upload_imports_and_shows_the_result(client, sato):
    client.force_login(sato)
    org = OrganizationFactory(slug="hub")
    response = upload(client, GOOD.encode("utf-8-sig"), organization="hub")
    assert response.status_code == 200
    assert "3件を取り込みました" in response.content.decode()
    assert set(Event.objects.values_list("organization", flat=True)) == {org.pk}


@pytest.mark.django_db
def test_upload_with_problems_lists_them_and_imports_nothing(client, sato):
    client.force_login(sato)
    response = upload(client, HEADER + "定例会,R3.4.1,19:00～18:00,逆,,,,,,,,\n")
    assert response.status_code == 400
    page = response.content.decode()
    assert "問題が1件あったため、何も取り込んでいません" in page
    assert "2行目: 終了時刻（18:00）が開始時刻（19:00）より前です。" in page
    assert Event.objects.count() == 0


@pytest.mark.django_db
def test_upload_bad_input_says_what_to_fix(client, sato):
    client.force_login(sato)
    assert "CSVファイルを選んでください" in client.post(URL, {}).content.decode()
    response = upload(client, b"\x80\x81\xff", organization="")
    assert response.status_code == 400
    assert "文字コードを読み取れません" in response.content.decode()
    response = upload(client, GOOD, organization="nowhere")
    assert response.status_code == 400
    page = response.content.decode()
    assert "「nowhere」という団体はありません" in page
    assert 'value="nowhere"' in page  # what was typed is kept
    rows = "".join(
        f"定例会,2021-04-01,19:00～20:00,会{i},,,,,,,,\n" for i in range(WEB_MAX_ROWS + 1)
    )
    response = upload(client, HEADER + rows)
    assert response.status_code == 400
    assert "import_events" in response.content.decode()
    assert Event.objects.count() == 0


@pytest.mark.django_db
def test_upload_page_queries(client, sato):
    from kyoso.core.testing import assert_num_queries

    client.force_login(sato)
    # 1 session, 2 user, 3 roles of the user (the secretariat rule), 4 site settings (the
    # two-factor policy middleware)
    with assert_num_queries(4):
        assert client.get(URL).status_code == 200


@given(
    start=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    end=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    dash=st.sampled_from("～〜~-－"),
    wide=st.booleans(),
    spaced=st.booleans(),
)
def test_any_time_range_reads_back(start, end, dash, wide, spaced):
    text = f"{start:%H:%M}{' ' if spaced else ''}{dash}{' ' if spaced else ''}{end:%H:%M}"
    if wide:
        text = text.translate(str.maketrans("0123456789:", "０１２３４５６７８９："))
    assert parse_times(text) == (start, end)


@given(code=st.text(alphabet="23456789ABCDEFGHJKMNPQRSTUVWXYZ", min_size=8, max_size=8))
def test_any_code_survives_lower_case_full_width_and_spaces(code):
    from kyoso.events.services.checkin import normalize_code

    typed = code.lower().translate(
        str.maketrans(
            "23456789abcdefghjkmnpqrstuvwxyz",
            "２３４５６７８９ａｂｃｄｅｆｇｈｊｋｍｎｐｑｒｓｔｕｖｗｘｙｚ",
        )
    )
    assert normalize_code(f" {typed[:4]}　{typed[4:]} ") == code
