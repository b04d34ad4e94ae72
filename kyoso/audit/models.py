"""The append-only audit log of sensitive actions, read by the secretariat."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events are never updated.")

    def delete(self):
        raise AppendOnlyError("Audit events are never deleted.")


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        LOGIN_FAILED = "login.failed", _("ログイン失敗")
        LOGIN_THROTTLED = "login.throttled", _("ログイン試行の制限")
        PASSWORD_CHANGED = "account.password_changed", _("パスワード変更")
        TWO_FACTOR_ENABLED = "account.2fa_enabled", _("二要素認証の有効化")
        TWO_FACTOR_DISABLED = "account.2fa_disabled", _("二要素認証の無効化")
        ACCOUNT_DELETED = "account.deleted", _("退会")
        DATA_EXPORTED = "account.data_exported", _("個人データのダウンロード")
        ROLE_GRANTED = "role.granted", _("役割の付与")
        ROLE_REVOKED = "role.revoked", _("役割の解除")
        ORG_CREATED = "org.created", _("団体の作成")
        ORG_VERIFIED = "org.verified", _("団体の認証")
        ORG_UNVERIFIED = "org.unverified", _("団体の認証取消")
        MEMBER_ADDED = "org.member_added", _("メンバーの追加")
        MEMBER_ROLE_CHANGED = "org.member_role_changed", _("メンバーの権限変更")
        MEMBER_REMOVED = "org.member_removed", _("メンバーの削除")
        INVITATION_SENT = "org.invitation_sent", _("招待の送信")
        JOIN_REQUEST_DECIDED = "org.join_request_decided", _("参加申請の判断")
        STAFF_EDIT = "staff.edit", _("事務局による他者の内容の編集")
        SETTINGS_CHANGED = "site.settings_changed", _("サイト設定の変更")
        TOKEN_CREATED = "api.token_created", _("APIトークンの発行")
        TOKEN_REVOKED = "api.token_revoked", _("APIトークンの失効")
        BACKUP_RESTORED = "ops.restored", _("バックアップからの復元")
        ISSUE_STAGE_CHANGED = "issue.stage_changed", _("課題の段階の変更")
        COMMUNITY_CREATED = "community.created", _("コミュニティの作成")
        COMMUNITY_MEMBER_DECIDED = "community.member_decided", _("コミュニティ参加申請の判断")
        COMMUNITY_LEADER_APPOINTED = "community.leader_appointed", _("コミュニティのリーダー任命")
        COMMUNITY_LEADER_REMOVED = "community.leader_removed", _("コミュニティのリーダー解任")
        COMMUNITY_MEMBER_REMOVED = "community.member_removed", _("コミュニティのメンバーの除外")
        # Events: the values keep the spellings the first rows were written with ("events." and
        # "event."), since audit rows are never updated.
        EVENT_CREATED = "events.create", _("イベントの作成")
        EVENT_UPDATED = "events.update", _("イベントの編集")
        EVENT_PUBLISHED = "events.publish", _("イベントの公開")
        EVENT_CANCELLED = "events.cancel", _("イベントの中止")
        EVENT_CAPACITY_CHANGED = "events.capacity", _("イベントの定員の変更")
        EVENT_REGISTRATION_CLOSED = "events.registration_closed", _("イベントの申込の締め切り")
        EVENT_REGISTRATION_REOPENED = "events.registration_reopened", _("イベントの申込の再開")
        EVENT_REGISTERED = "events.register", _("イベントへの参加申込")
        EVENT_REGISTRATION_CANCELLED = "events.cancel_registration", _("イベント参加申込の取り消し")
        EVENT_REGISTRANTS_EXPORTED = "events.registrants_csv", _("イベント申込者のCSV書き出し")
        EVENT_CHECK_IN_UNDONE = "event.undo_check_in", _("イベント受付の取り消し")
        EVENT_WALK_IN = "event.walk_in", _("イベント当日参加者の受付")
        EVENT_ATTENDANCE_COUNTED = "event.count_attendance", _("イベント参加人数の記録")
        EVENT_IMPORTED = "event.import", _("イベントの一括取り込み")
        EVENT_MINUTES_PUBLISHED = "event.minutes_published", _("イベント議事録の公開")
        EVENT_MINUTES_UNPUBLISHED = "event.minutes_unpublished", _("イベント議事録の非公開化")
        EVENT_IDEA_ROUND_CHANGED = "event.idea_round_changed", _("アイデアイベントのラウンド変更")
        LOCAL_SYNONYMS_ADDED = "search.synonyms_added", _("地域の同義語の追加")
        LOCAL_SYNONYMS_CHANGED = "search.synonyms_changed", _("地域の同義語の変更")
        LOCAL_SYNONYMS_DELETED = "search.synonyms_deleted", _("地域の同義語の削除")

    at = models.DateTimeField(_("日時"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("実行者"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: One of ``Action`` or an action an app registered (``kyoso.audit.registry``).
    action = models.CharField(_("操作"), max_length=40, db_index=True)
    target_type = models.CharField(_("対象の種類"), max_length=40, blank=True)
    target_id = models.CharField(_("対象ID"), max_length=64, blank=True)
    target_label = models.CharField(_("対象"), max_length=200, blank=True)
    data = models.JSONField(_("詳細"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IPアドレス"), null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("監査ログ")
        verbose_name_plural = _("監査ログ")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit events are never updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events are never deleted.")

    def get_action_display(self) -> str:
        from kyoso.audit.registry import label_of

        return str(label_of(self.action))
