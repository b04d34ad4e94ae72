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

ACTIONS = [
    (CREATED, _("プロジェクトの作成")),
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
]
