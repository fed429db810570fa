"""Administrators manage the organisation in Django's admin. No citizen data is registered there."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import ModelForm
from jobspor.core.roles import Role

from .models import Department, Employee, Jobcentre, Team


class EmployeeForm(ModelForm):
    roles = forms.MultipleChoiceField(label=_("Roller"), choices=Role.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Employee
        fields = ["external_id", "name", "email", "phone", "team", "roles", "is_active", "user"]


@admin.register(Jobcentre)
class JobcentreAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality_code"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "jobcentre"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "external_id", "department"]
    search_fields = ["name", "external_id"]


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    form = EmployeeForm
    list_display = ["name", "external_id", "team", "role_list", "is_active"]
    list_filter = ["team", "is_active"]
    search_fields = ["name", "external_id", "email"]
    list_select_related = ["team"]
    autocomplete_fields = ["user"]

    @admin.display(description=_("Roller"))
    def role_list(self, obj):
        return ", ".join(obj.role_labels())
