"""Bind the running processes of existing plans and evaluations to them (registry.Binding):
handlers no longer read object ids from process data, only the instance's binding."""
from django.db import migrations
from django.db.models import Exists, OuterRef, Subquery


def bind(apps, schema_editor):
    ProcessInstance = apps.get_model("workflow", "ProcessInstance")
    for model, kind in (("PerformancePlan", "performance.plan"), ("Evaluation", "performance.evaluation")):
        owners = apps.get_model("performance", model).objects.filter(process_instance=OuterRef("pk"))
        ProcessInstance.objects.filter(Exists(owners)).update(bound_kind=kind,
                                                              bound_id=Subquery(owners.values("pk")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ("performance", "0006_result_feedback"),
        ("workflow", "0003_instance_binding"),
    ]

    operations = [migrations.RunPython(bind, migrations.RunPython.noop)]
