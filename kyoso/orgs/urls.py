from django.urls import path

from kyoso.orgs import views, views_onboarding

app_name = "orgs"

urlpatterns = [
    path("", views.organization_list, name="list"),
    path("new/", views.organization_create, name="create"),
    path("mine/", views.mine, name="mine"),
    path(
        "mine/invitations/<int:invitation_id>/accept/",
        views.mine_invitation_accept,
        name="mine_invitation_accept",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("<slug:slug>/", views.organization_detail, name="detail"),
    path("<slug:slug>/edit/", views.organization_edit, name="edit"),
    path("<slug:slug>/welcome/<slug:step>/", views_onboarding.onboarding_step, name="onboarding"),
    path("<slug:slug>/verify/", views.organization_verify, name="verify"),
    path("<slug:slug>/unverify/", views.organization_unverify, name="unverify"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/members/<int:membership_id>/role/", views.member_role, name="member_role"),
    path(
        "<slug:slug>/members/<int:membership_id>/remove/", views.member_remove, name="member_remove"
    ),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/join/withdraw/", views.join_withdraw, name="join_withdraw"),
    path(
        "<slug:slug>/join-requests/<int:request_id>/decide/", views.join_decide, name="join_decide"
    ),
    path("<slug:slug>/invitations/", views.invite, name="invite"),
    path(
        "<slug:slug>/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
]
