from django.urls import path

from kyoso.hubs import views
from kyoso.hubs.views.map import hub_map, hub_map_page

app_name = "hubs"

urlpatterns = [
    path("", views.hub_list, name="list"),
    path("map.geojson", hub_map, name="map"),
    path("map/", hub_map_page, name="map_page"),
    path("my-bookings/", views.my_bookings, name="my_bookings"),
    path("my-bookings/<int:pk>/cancel/", views.booking_cancel, name="cancel"),
    path("new/", views.hub_new, name="new"),
    path("<slug:slug>/", views.hub_detail, name="detail"),
    path("<slug:slug>/edit/", views.hub_edit, name="edit"),
    path("<slug:slug>/hours/", views.hub_hours, name="hours"),
    path("<slug:slug>/closures/", views.hub_closures, name="closures"),
    path("<slug:slug>/photos/", views.hub_photos, name="photos"),
    path("<slug:slug>/spaces/new/", views.space_edit, name="space_new"),
    path("<slug:slug>/approvals/", views.approvals, name="approvals"),
    path("<slug:slug>/approvals/<int:pk>/", views.approval_decide, name="approval_decide"),
    path("<slug:slug>/board/", views.board, name="board"),
    path("<slug:slug>/checkin/", views.checkin, name="checkin"),
    path("<slug:slug>/checkin/<str:code>/", views.checkin_confirm, name="checkin_confirm"),
    path("<slug:slug>/bookings/<int:pk>/desk/", views.desk_action, name="desk_action"),
    path("<slug:slug>/<slug:space>/", views.space_detail, name="space"),
    path("<slug:slug>/<slug:space>/edit/", views.space_edit, name="space_edit"),
    path("<slug:slug>/<slug:space>/book/", views.space_book, name="book"),
    path("<slug:slug>/<slug:space>/series/", views.space_series, name="series"),
    path("<slug:slug>/<slug:space>/for-event/", views.space_hold_for_event, name="hold_for_event"),
    path("<slug:slug>/<slug:space>/calendar.ics", views.space_feed, name="feed"),
]
