from jobspor.matching import engine


def test_candidates_best_first_with_danish_reasons_and_hard_requirements(world):
    found = engine.candidates_for_job(world["job"])
    refs = [c.case_ref for c in found]
    assert refs == ["S1", "S2"]  # S3 lives too far for their limit, S4 has no driving licence
    best = found[0]
    assert any(r.startswith("Har erfaring med at pakke varer") and "(2 af 3 opgaver)" in r for r in best.score.reasons)
    assert "Bor 0 km fra arbejdspladsen" in best.score.reasons
    assert any("Jobmålet Lagermedarbejder" in r for r in best.score.reasons)
