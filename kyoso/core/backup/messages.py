"""What ``kyoso backup`` and ``kyoso restore`` tell the operator.

These run on a server console, often read by an operator who does not read Japanese and always
outside any request (so no language negotiation happens). Each message therefore carries both
languages: Japanese first, English on the next line. They are ``str.format`` templates, not
gettext strings, and tests assert against them.
"""

# How the database kinds are named in messages.
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}

ARCHIVE_NOT_FOUND = "バックアップファイルが見つかりません: {path}\nBackup file not found: {path}"
ARCHIVE_CORRUPT = (
    "バックアップファイルが壊れているか、Kyoso のバックアップではありません: {path}（{detail}）\n"
    "The file is damaged or is not a Kyoso backup: {path} ({detail})"
)
FORMAT_TOO_NEW = (
    "このバックアップの形式（バージョン {found}）は、この Kyoso では読めません"
    "（対応: {supported} まで）。Kyoso を更新してから復元してください。\n"
    "This backup uses format version {found}; this Kyoso reads up to {supported}. "
    "Upgrade Kyoso, then restore."
)
VENDOR_MISMATCH = (
    "このバックアップは {archive} のデータベースから作られたため、{target} のデータベースには"
    "復元できません。種類の違うデータベースへの移行は、今後の `kyoso export` 機能で"
    "対応する予定です。\n"
    "This backup was taken from a {archive} database and cannot be restored into {target}. "
    "Moving data between database kinds will be the job of the future `kyoso export` feature."
)
TARGET_NOT_EMPTY = (
    "復元先のデータベースには既に Kyoso のデータがあります（{tables}）。復元するとそのデータは"
    "すべてバックアップの内容に置き換わります。置き換えてよい場合は --force を付けて"
    "実行してください。\n"
    "The target database already holds Kyoso data ({tables}). Restoring replaces all of it "
    "with the backup; run again with --force if that is what you want."
)
MIGRATIONS_UNKNOWN = (
    "このバックアップは、より新しい Kyoso（{version}）で作られ、この Kyoso にないマイグレーションを"
    "含みます: {migrations}。Kyoso を更新してから復元してください。\n"
    "This backup was made by a newer Kyoso ({version}) and contains migrations this version "
    "does not have: {migrations}. Upgrade Kyoso, then restore."
)
TOOL_MISSING = (
    "{tool} が見つかりません。PostgreSQL のクライアント（Debian では postgresql-client）を"
    "インストールしてください。\n"
    "{tool} was not found on PATH. Install the PostgreSQL client tools "
    "(Debian: postgresql-client)."
)
TOOL_FAILED = (
    "{tool} が失敗しました（終了コード {code}）。\n{tool} failed (exit code {code}):\n{output}"
)
DATABASE_ERROR = (
    "データベースを読み書きできません: {detail}\n"
    "The database could not be read or written: {detail}"
)
DATABASE_UNSUPPORTED = (
    "この種類のデータベース（{engine}）のバックアップには対応していません。"
    "対応しているのは SQLite と PostgreSQL です。\n"
    "Backups of this database engine ({engine}) are not supported; use SQLite or PostgreSQL."
)
DATABASE_IN_USE = (
    "このプロセスのデータベース接続がトランザクションの途中のため、復元できません。\n"
    "This process holds an open transaction on the target database; cannot restore into it."
)
DESTINATION_UNWRITABLE = (
    "バックアップを書き込めません: {path}（{detail}）\nCannot write the backup: {path} ({detail})"
)
MEDIA_UNWRITABLE = (
    "メディアファイルを書き込めません: {path}（{detail}）\n"
    "Cannot write the media files: {path} ({detail})"
)
VERIFY_FAILED = (
    "復元後の行数がバックアップと一致しません（テーブル: バックアップ → 復元後）:\n{tables}\n"
    "Row counts after the restore differ from the backup (table: backup → restored), listed above."
)
VERIFY_ROW = "  {table}: {expected} → {found}"
VERIFY_ABSENT = "なし / absent"

BACKUP_DONE = "バックアップを作成しました / Backup written: {path} ({size})"
BACKUP_DATABASE = (
    "  データベース / database: {vendor}, {tables} テーブル / tables, {rows} 行 / rows"
)
BACKUP_MEDIA = "  メディア / media: {files} ファイル / files ({size}) from {path}"
BACKUP_VERSION = "  Kyoso {version}, {created_at}"
BACKUP_KEEP_SAFE = (
    "  このファイルには個人情報とパスワードのハッシュが含まれます。安全な場所に保管してください。\n"
    "  This file holds personal data and password hashes; keep it somewhere safe."
)

RESTORE_DONE = "復元しました / Restored: {path}"
RESTORE_SOURCE = "  バックアップ / backup: Kyoso {version}, {created_at}"
RESTORE_DATABASE = (
    "  データベース / database: {vendor} {name}, {tables} テーブル / tables, {rows} 行 / rows"
    " — 行数を確認しました / row counts verified"
)
RESTORE_MEDIA = "  メディア / media: {files} ファイル / files → {path}"
RESTORE_MEDIA_DIFFERS = (
    "  注意: バックアップ作成時に記録したメディアは {expected} ファイルでした"
    "（作成中に追加・削除されたファイルがあった可能性があります）。\n"
    "  Note: the backup recorded {expected} media files when it started "
    "(files may have been added or removed while it ran)."
)
RESTORE_MIGRATE = (
    "  次に実行してください / next, run: kyoso manage migrate"
    "（バックアップはこの Kyoso より古い版のものです / the backup predates this Kyoso version）"
)
RESTORE_AUDITED = "  監査ログに記録しました / recorded in the audit log"
RESTORE_NOT_AUDITED = (
    "  監査ログに記録できませんでした（{detail}）。マイグレーション後に再起動してください。\n"
    "  Could not write the audit log entry ({detail}); run the migrations, then restart."
)
