def pytest_terminal_summary(terminalreporter):
    """The crawl's pages per role, shown whether or not output is captured."""
    from .test_crawl import SUMMARY

    if SUMMARY:
        terminalreporter.section("pages crawled per role")
        for line in SUMMARY:
            terminalreporter.write_line(line)
