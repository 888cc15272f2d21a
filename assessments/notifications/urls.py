from django.urls import path

from assessments.notifications import views

urlpatterns = [
    path("account/email/", views.email_preferences, name="email_preferences"),
    path("email/unsubscribe/<str:token>/", views.email_unsubscribe, name="email_unsubscribe"),
]
