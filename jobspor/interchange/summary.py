def counts_format(counts: dict[str, int]) -> str:
    """`team 2, employee 5, citizen 10, case 10` (record types in dependency order)."""
    return ", ".join(f"{type_name} {count}" for type_name, count in counts.items()) or "0 poster"
