"""Corroboration: claims, agreement with hedges, discrepancies, source independence.

* independence.source_groups(articles) -> {article_id: source group}
* claims.build_claims(members, event_of, entity_of, groups) -> [Claim]
* agreement.values_agree(a, b), agreement.interval(low, high, hedge)
* discrepancies.find_discrepancies(claims) -> [Discrepancy]
* statements.same_statement(a, b), statements.contradicts(a, b), statements.polarity(text)
"""
