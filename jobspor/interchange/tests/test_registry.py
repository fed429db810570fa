from jobspor.interchange import registry


def test_record_types_come_in_dependency_order():
    order = [rt.type for rt in registry.in_dependency_order()]
    assert order[:4] == ["team", "employee", "citizen", "case"]  # later apps' types follow
    assert order.index("company") < order.index("job")
    assert order.index("contact") > order.index("case")
    assert order.index("cv") > order.index("citizen")


def test_a_record_type_declares_its_fields():
    case = registry.get("case")

    assert case.fields == ["type", "id", "citizen", "benefit", "target_group", "fsm_group", "opened", "closed",
                           "close_reason", "public_support_since", "staff", "fleksjob_visitated"]
    assert case.required == ["type", "id", "citizen", "benefit", "opened", "staff"]
    assert case.depends_on == ("citizen", "employee")
    assert registry.get("spaceship") is None
