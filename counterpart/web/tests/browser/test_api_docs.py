"""The API's documentation page (Swagger UI, served from our static files) works under the
Content Security Policy: it draws every operation and asks nothing of another host (the
fixtures fail a test on a blocked script or a request elsewhere)."""

from playwright.sync_api import expect


def test_the_api_documentation_page_draws_the_operations(page, screenshot):
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Counterpart API")
    expect(page.locator(".opblock").first).to_be_visible()
    # Swagger UI draws the operations tag by tag: wait until all of them are there.
    page.wait_for_function("document.querySelectorAll('.opblock').length > 100")
    # An operation opens with its parameters, the filters of the web list among them.
    page.locator(".opblock-get .opblock-summary-path[data-path='/api/projects/projects/']").click()
    expect(page.locator(".parameters").first).to_contain_text("destination_region")
    screenshot(page, "api-docs")


def test_a_visitor_is_sent_to_sign_in(anonymous_page):
    anonymous_page.goto("/api/docs/")
    assert "/login/" in anonymous_page.url
