from django.urls import path

from . import views

app_name = "scheduling"
urlpatterns = [
    path("", views.runs, name="runs"),
    path("<int:pk>/proev-igen/", views.retry, name="retry"),
    path("job/<slug:job>/koer-nu/", views.run_now, name="run_now"),
]
