from jobspor.assessments.questionnaire import AREAS, suggest


def answers(**overrides):
    base = {area: 0 for area in AREAS} | {"hours_now": 30, "education_wish": False}
    return base | overrides


def test_resourceful_citizen_is_group_1_with_reasons():
    s = suggest(answers(), age=45, years_on_support=1)
    assert s.group == 1
    assert any("kompetencegivende uddannelse" in r for r in s.reasons)


def test_major_barrier_suggests_group_2_and_names_it():
    s = suggest(answers(addiction=2), age=45, years_on_support=1)
    assert s.group == 2
    assert any("Misbrug" in r for r in s.reasons)


def test_several_problems_together_suggest_group_2():
    s = suggest(answers(economy=1, family=1, social_network=1), age=40, years_on_support=2)
    assert s.group == 2
    assert any("Flere samtidige problemer" in r for r in s.reasons)


def test_young_without_education_who_wants_it_is_group_3():
    s = suggest(answers(education=2, education_wish=True), age=22, years_on_support=0.5)
    assert s.group == 3


def test_young_without_wish_is_not_group_3():
    assert suggest(answers(education=2), age=22, years_on_support=0.5).group == 1


def test_long_support_with_barriers_suggests_group_2():
    s = suggest(answers(education=2, work_experience=2, motivation=1, language=1), age=50, years_on_support=9)
    assert s.group == 2
    assert any("offentlig forsørgelse" in r for r in s.reasons)


def test_benefit_is_not_an_input():
    # The same answers give the same suggestion whatever the benefit: suggest() has no benefit parameter.
    import inspect

    assert "benefit" not in inspect.signature(suggest).parameters
