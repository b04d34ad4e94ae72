"""The projects app's audit actions (registered with ``kyoso.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

CREATED = "project.created"
UPDATED = "project.updated"
STAGE_CHANGED = "project.stage_changed"
MEMBER_ADDED = "project.member_added"
MEMBER_INVITED = "project.member_invited"
MEMBER_REQUEST_DECIDED = "project.member_request_decided"
MEMBER_ROLE_CHANGED = "project.member_role_changed"
MEMBER_REMOVED = "project.member_removed"
MEMBER_LEFT = "project.member_left"
NEED_FILLED = "project.need_filled"
HIDDEN = "project.hidden"
COMMENT_HIDDEN = "project.comment_hidden"
# The project's work (kyoso/projects/services/needs.py, updates.py, comments.py, moderation.py).
NEED_STATUS_CHANGED = "project.need_status_changed"
NEED_REOPENED = "project.need_reopened"
NEED_DELETED = "project.need_deleted"
UPDATE_DELETED = "project.update_deleted"
COMMENT_DELETED = "project.comment_deleted"
COMMENT_UNHIDDEN = "project.comment_unhidden"
COMMENTS_LOCKED = "project.comments_locked"
COMMENTS_UNLOCKED = "project.comments_unlocked"
UNHIDDEN = "project.unhidden"
REPORTS_DISMISSED = "project.reports_dismissed"
PARTNER_ADDED = "project.partner_added"

ACTIONS = [
    (CREATED, _("プロジェクトの作成")),
    (PARTNER_ADDED, _("プロジェクトへの連携団体の追加")),
    (UPDATED, _("プロジェクトの編集")),
    (STAGE_CHANGED, _("プロジェクトの段階の変更")),
    (MEMBER_ADDED, _("プロジェクトのメンバーの追加")),
    (MEMBER_INVITED, _("プロジェクトへの招待")),
    (MEMBER_REQUEST_DECIDED, _("プロジェクトへの参加申請の承認・見送り")),
    (MEMBER_ROLE_CHANGED, _("プロジェクトのメンバーの役割変更")),
    (MEMBER_REMOVED, _("プロジェクトのメンバーの除外")),
    (MEMBER_LEFT, _("プロジェクトからの脱退")),
    (NEED_FILLED, _("プロジェクトの困りごとの充足")),
    (HIDDEN, _("プロジェクトの非表示")),
    (COMMENT_HIDDEN, _("プロジェクトのコメントの非表示")),
    (NEED_STATUS_CHANGED, _("プロジェクトの困りごとの状態変更")),
    (NEED_REOPENED, _("プロジェクトの困りごとの募集再開")),
    (NEED_DELETED, _("プロジェクトの困りごとの削除")),
    (UPDATE_DELETED, _("プロジェクトの活動報告の削除")),
    (COMMENT_DELETED, _("プロジェクトのコメントの削除（本人以外）")),
    (COMMENT_UNHIDDEN, _("プロジェクトのコメントの再表示")),
    (COMMENTS_LOCKED, _("プロジェクトのコメントの締め切り")),
    (COMMENTS_UNLOCKED, _("プロジェクトのコメントの再開")),
    (UNHIDDEN, _("プロジェクトの再表示")),
    (REPORTS_DISMISSED, _("プロジェクトの通報を問題なしとして閉じる")),
]
