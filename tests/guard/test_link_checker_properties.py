"""Property tests: the link checker never crashes and its offsets always point at the link."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from walletdesk.guard.phishing import Registry, Verdict, check_host, check_links

REGISTRY = Registry.build(
    official_domains=["walletdesk.com"], blocklist=["scam.top"], fuzzylist=["metamask.io"]
)
LABEL = st.text(alphabet=st.sampled_from("abcdelstwk0123-аеоκ" + "xn"), min_size=1, max_size=20)
SUFFIX = st.sampled_from(["com", "io", "co.uk", "top", "xyz", "github.io", "中国", "xn--p1ai"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes(text):
    for link in check_links(text, REGISTRY):
        assert text[link.start : link.end] == link.text
        assert link.verdict in Verdict


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LABEL, min_size=1, max_size=4), SUFFIX, st.text(max_size=40))
def test_generated_hosts_never_crash(labels, suffix, noise):
    host = ".".join([*labels, suffix])
    check_host(host, REGISTRY)
    check_links(f"{noise} https://{host}/path {noise}", REGISTRY)


@settings(max_examples=200, deadline=None)
@given(st.lists(LABEL.filter(lambda s: s.strip("-")), min_size=1, max_size=3))
def test_any_subdomain_of_an_official_domain_is_official(labels):
    labels = [label.strip("-") for label in labels]
    result = check_host(".".join([*labels, "walletdesk.com"]), REGISTRY)
    assert result.verdict is Verdict.OFFICIAL


@settings(max_examples=200, deadline=None)
@given(st.lists(LABEL.filter(lambda s: s.strip("-")), max_size=3))
def test_anything_under_a_blocked_domain_is_blocked(labels):
    labels = [label.strip("-") for label in labels]
    assert check_host(".".join([*labels, "scam.top"]), REGISTRY).verdict is Verdict.BLOCKED


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.sampled_from(["en", "zh-hans", "fr"]))
def test_reply_problems_never_crash_and_point_inside_the_text(text, language):
    from walletdesk.guard.outgoing import reply_problems

    for problem in reply_problems(text, language, registry=REGISTRY):
        assert 0 <= problem.start <= problem.end
        assert problem.message in problem.explanation.values()
