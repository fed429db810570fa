"""Django admin: an administrator creates an integrating system (name, scopes, the team and roles whose cases it
sees) and is shown its secret once; the secret can be renewed (the old one and its tokens stop working)."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobspor.core.forms import ModelForm
from jobspor.core.roles import Role
from jobspor.organisation.models import Team

from .models import IntegrationSystem
from .scopes import Scope
from .services import secret_renew, system_create


class SystemForm(ModelForm):
    scopes = forms.MultipleChoiceField(label=gettext_lazy("Rettigheder"), choices=Scope.choices,
                                       widget=forms.CheckboxSelectMultiple, required=False)
    team = forms.ModelChoiceField(label=gettext_lazy("Team"), queryset=Team.objects.all(), required=False,
                                  help_text=gettext_lazy("Systemet ser sager som en medarbejder på dette team med "
                                                         "rollerne nedenfor."))
    roles = forms.MultipleChoiceField(label=gettext_lazy("Roller"), choices=Role.choices, initial=[Role.JOB_BROKER],
                                      widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = IntegrationSystem
        fields = ["name", "scopes", "is_active", "token_minutes"]


@admin.register(IntegrationSystem)
class IntegrationSystemAdmin(admin.ModelAdmin):
    form = SystemForm
    list_display = ["name", "client_id", "is_active", "created_at"]
    readonly_fields = ["client_id", "created_at"]
    actions = ["renew_secret"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "scopes", "team", "roles", "token_minutes"]
        return ["name", "client_id", "scopes", "is_active", "token_minutes", "created_at"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            kwargs["fields"] = ["name", "scopes", "is_active", "token_minutes"]
        return super().get_form(request, obj, change=change, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            obj.scopes = sorted(form.cleaned_data["scopes"])
            obj.save()
            return
        system, secret = system_create(actor=request.user, name=form.cleaned_data["name"],
                                       scopes=form.cleaned_data["scopes"], team=form.cleaned_data.get("team"),
                                       roles=form.cleaned_data["roles"],
                                       token_minutes=form.cleaned_data.get("token_minutes") or 15)
        obj.pk = system.pk
        obj.__dict__.update(system.__dict__)
        _show_secret(request, system, secret)

    @admin.action(description=gettext_lazy("Forny hemmeligheden (den gamle holder op med at virke)"))
    def renew_secret(self, request, queryset):
        for system in queryset:
            _show_secret(request, system, secret_renew(actor=request.user, system=system))


def _show_secret(request, system, secret):
    messages.warning(request, _("Systemet »%(name)s«: klient-id %(id)s, hemmelighed %(secret)s — kopiér den nu; "
                                "den vises ikke igen.") % {"name": system.name, "id": system.client_id,
                                                           "secret": secret})
