"""Administrators keep the rates and earnings rules: next year's rates are new rows with their source, no code.
The model's clean() refuses an overlapping period for the same rate and a negative amount."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import ModelForm

from .models import EarningsRule, Rate


class RateForm(ModelForm):
    class Meta:
        model = Rate
        fields = ["scheme", "kind", "category", "amount", "valid_from", "valid_to", "source", "confirmed", "note"]


class EarningsRuleForm(ModelForm):
    class Meta:
        model = EarningsRule
        fields = ["scheme", "category", "disregard_monthly", "disregard_per_hour", "disregard_max_hours",
                  "reduction_percent", "full_deduction_at_percent", "valid_from", "valid_to", "source", "confirmed",
                  "note"]


class StampedAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        obj.stamp(request.user)
        super().save_model(request, obj, form, change)


@admin.register(Rate)
class RateAdmin(StampedAdmin):
    form = RateForm
    list_display = ["scheme", "kind", "category", "amount", "valid_from", "valid_to", "confirmed_label"]
    list_filter = ["scheme", "kind", "confirmed"]
    date_hierarchy = "valid_from"

    @admin.display(description=_("Bekræftet"), boolean=True)
    def confirmed_label(self, obj):
        return obj.confirmed


@admin.register(EarningsRule)
class EarningsRuleAdmin(StampedAdmin):
    form = EarningsRuleForm
    list_display = ["scheme", "category", "disregard_monthly", "disregard_per_hour", "reduction_percent",
                    "full_deduction_at_percent", "valid_from", "valid_to", "confirmed"]
    list_filter = ["scheme", "confirmed"]
