from django.db import migrations, models


def visitate_ledighedsydelse(apps, schema_editor):
    """Ledighedsydelse is only paid to citizens visitated to fleksjob."""
    apps.get_model("cases", "Case").objects.filter(benefit="ledighedsydelse").update(fleksjob_visitated=True)


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0002_lock_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="fleksjob_visitated",
            field=models.BooleanField(
                default=False,
                help_text="Borgeren er visiteret til fleksjob. Ledighedsydelse forudsætter visitation.",
                verbose_name="visiteret til fleksjob"),
        ),
        migrations.RunPython(visitate_ledighedsydelse, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(models.Q(("benefit", "ledighedsydelse"), _negated=True),
                                   ("fleksjob_visitated", True), _connector="OR"),
                name="case_ledighedsydelse_is_fleksjob_visitated"),
        ),
    ]
