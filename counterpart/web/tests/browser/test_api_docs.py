"""The API's documentation page (Swagger UI, served from our static files) works under the
Content Security Policy: it draws every operation and asks nothing of another host (the
fixtures fail a test on a blocked script or a request elsewhere)."""

from playwright.sync_api import expect


def test_the_api_documentation_page_draws_the_operations(page, screenshot):
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Counterpart API")
    expect(page.locator(".opblock").first).to_be_visible()
    # An operation opens with its parameters, the filters of the web list among them.
    page.locator(".opblock-get .opblock-summary-path[data-path='/api/core/changes/']").click()
    expect(page.locator(".parameters").first).to_contain_text("object_type")
    screenshot(page, "api-docs")
    # Swagger UI draws the operations near the view only: scroll down the page and collect
    # the paths it draws until the last tag's (read off the page, not evaluated: the CSP
    # forbids evaluating strings).
    seen: set[str] = set()
    for _step in range(150):
        paths = page.locator(".opblock-summary-path")
        seen.update(paths.nth(i).get_attribute("data-path") for i in range(paths.count()))
        if "/api/users/users/{id}/" in seen:
            break
        page.mouse.wheel(0, 800)
        page.wait_for_timeout(50)
    expected = {"/api/projects/projects/", "/api/reports/supervision/", "/api/users/users/{id}/"}
    assert expected <= seen
    assert len(seen) > 50


def test_a_visitor_is_sent_to_sign_in(anonymous_page):
    anonymous_page.goto("/api/docs/")
    assert "/login/" in anonymous_page.url
