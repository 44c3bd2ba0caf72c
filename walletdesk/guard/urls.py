from django.urls import path

from walletdesk.guard import views, views_staff

app_name = "guard"
urlpatterns = [
    path("verify/", views.verify_page, name="verify"),
    path("staff/2fa/", views_staff.two_factor, name="two_factor"),
]
