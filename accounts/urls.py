from django.urls import path

from accounts import views

urlpatterns = [
    path("me/", views.me, name="me"),
    path("me/profile/", views.edit_profile, name="profile_edit"),
    path("me/data.json", views.export_my_data, name="export_my_data"),
    path("me/delete/", views.delete_account, name="delete_account"),
    path("me/enterprise/", views.enterprise_detail, name="enterprise_detail"),
    path("me/enterprise/new/", views.enterprise_create, name="enterprise_create"),
    path("me/enterprise/join/", views.enterprise_join, name="enterprise_join"),
    path("me/enterprise/join/withdraw/", views.enterprise_join_withdraw, name="enterprise_join_withdraw"),
    path(
        "me/enterprise/join-requests/<int:pk>/<str:decision>/",
        views.join_request_decide,
        name="join_request_decide",
    ),
    path("me/enterprise/invite/", views.enterprise_invite, name="enterprise_invite"),
    path(
        "me/enterprise/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "me/enterprise/members/<int:pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("me/enterprise/hand-over/", views.enterprise_hand_over, name="enterprise_hand_over"),
    path("me/enterprise/leave/", views.enterprise_leave, name="enterprise_leave"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
