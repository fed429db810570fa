from django.urls import path

from . import session_expiry, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("totrin/", views.totp_setup, name="totp"),
    path("adgangskode/", views.PasswordChangeView.as_view(), name="password_change"),
    path("session/forlaeng/", session_expiry.extend, name="session_extend"),
    path("fortsaet/", session_expiry.resume, name="resume"),
]
