"""Prefectures (JIS X 0401) and municipalities (JIS X 0402), open to everyone."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from kyoso.api import messages
from kyoso.api.permissions import rule
from kyoso.regions.codes import PREFECTURE_CODES, with_check_digit
from kyoso.regions.selectors import municipality_choices, prefectures

router = Router(tags=["regions"])


class PrefectureOut(Schema):
    code: str = Field(description="Two digits, e.g. '04' for 宮城県")
    name: str
    name_kana: str
    name_en: str


class MunicipalityOut(Schema):
    code: str = Field(description="Five-digit JIS X 0402 code, e.g. '04100'")
    lg_code: str = Field(description="Six-digit 全国地方公共団体コード with check digit")
    name: str
    full_name: str = Field(description="With prefecture (and city for wards)")
    name_kana: str
    name_en: str
    kind: str
    prefecture: str = Field(description="Prefecture code")
    parent: str | None = Field(description="Code of the designated city a ward belongs to")

    @staticmethod
    def resolve_lg_code(obj) -> str:
        return with_check_digit(obj.code)

    @staticmethod
    def resolve_prefecture(obj) -> str:
        return obj.prefecture_id

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent_id


def prefecture_code(value: str | None) -> str | None:
    """'4', '04' and '０４' all mean 宮城県; anything else outside 01–47 is refused."""
    if value is None or value == "":
        return None
    text = value.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    text = text.zfill(2) if text.isascii() and text.isdigit() else text
    if text not in PREFECTURE_CODES:
        raise PydanticCustomError("kyoso_unknown_prefecture", str(messages.PREFECTURE_UNKNOWN))
    return text


class MunicipalityFilter(Schema):
    prefecture: str | None = Field(None, description="Prefecture code, e.g. 04")

    @field_validator("prefecture")
    @classmethod
    def _prefecture(cls, value: str | None) -> str | None:
        return prefecture_code(value)


@router.get("/regions/prefectures", response=list[PrefectureOut], auth=None, summary="Prefectures")
@paginate
@rule("core.public")
def prefecture_list(request: HttpRequest):
    """The 47 prefectures in code order (ask for ``limit=100`` to get them all at once)."""
    return prefectures()


@router.get(
    "/regions/municipalities",
    response=list[MunicipalityOut],
    auth=None,
    summary="Municipalities",
)
@paginate
@rule("core.public")
def municipality_list(request: HttpRequest, filters: Query[MunicipalityFilter]):
    """In code order; ``?prefecture=04`` keeps those of one prefecture (wards included)."""
    return municipality_choices(filters.prefecture)
