from django.http import Http404


def _todo(request, **kwargs):
    raise Http404


hub_list = my_bookings = booking_cancel = hub_new = hub_detail = hub_edit = hub_hours = _todo
hub_closures = space_edit = approvals = approval_decide = board = checkin = _todo
checkin_confirm = desk_action = space_detail = space_book = space_series = space_feed = _todo
