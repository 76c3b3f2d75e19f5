from django.contrib.auth import views as auth_views
from django.urls import path

from . import dashboard, views

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language, name="set_language"),
]
