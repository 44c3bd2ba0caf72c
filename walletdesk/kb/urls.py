from django.urls import path

from walletdesk.kb import views

app_name = "kb"

urlpatterns = [
    path("kb/images/<int:image_id>/<str:name>", views.image, name="image"),
]
