from django.urls import path

from . import views

app_name = "companies"
urlpatterns = [
    path("", views.company_list, name="list"),
    path("ny/", views.company_create, name="create"),
    path("mine/", views.my_companies, name="mine"),
    path("kontaktstrategi/", views.strategy, name="strategy"),
    path("kontaktstrategi/brancher/", views.strategy_industry, name="strategy_industry"),
    path("kontaktstrategi/brancher/<int:item_pk>/fjern/", views.strategy_industry_remove,
         name="strategy_industry_remove"),
    path("kontaktstrategi/besoegsmaal/", views.strategy_target, name="strategy_target"),
    path("kontaktstrategi/kadence/", views.strategy_settings, name="strategy_settings"),
    path("<int:pk>/", views.company_detail, name="detail"),
    path("<int:pk>/rediger/", views.company_edit, name="edit"),
    path("<int:pk>/kontaktpersoner/", views.contact_add, name="contact_add"),
    path("<int:pk>/arbejdssteder/", views.workplace_add, name="workplace_add"),
    path("<int:pk>/aftaler/", views.agreement_add, name="agreement_add"),
    path("<int:pk>/kontakt/", views.interaction_add, name="interaction_add"),
    path("<int:pk>/<slug:part>/<int:item_pk>/rediger/", views.part_edit, name="part_edit"),
]
