"""The versioned REST API: /api/v1, with its OpenAPI document at /api/v1/openapi.json."""

from ninja import NinjaAPI

from walletdesk.api import errors
from walletdesk.api.routers import agent, app, customer
from walletdesk.assistant.router import router as assistant_router
from walletdesk.chain.api import router as chain_router
from walletdesk.guard.api import router as verify_router
from walletdesk.kb import api as kb_api

api = NinjaAPI(
    title="Walletdesk API",
    version="1.0.0",
    urls_namespace="api-v1",
    description=(
        "Tickets for wallet apps, customers and agents; errors are JSON with a stable code."
    ),
)
errors.install(api)
api.add_router("/", app.router)
api.add_router("/customer", customer.router)
api.add_router("/agent", agent.router)
api.add_router("/", verify_router)
api.add_router("/kb", kb_api.public_router)
api.add_router("/agent/kb", kb_api.agent_router)
api.add_router("/agent/chain", chain_router)
api.add_router("/assistant", assistant_router)
