from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from walletdesk.console.views import (
    availability,
    chain,
    customer,
    knowledge,
    notifications,
    queues,
    supervisor,
    ticket,
)

app_name = "console"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="console:queue"), name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="console/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="console:login"), name="logout"),
    path("availability/", availability.availability, name="availability"),
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/badge/", notifications.badge, name="notifications_badge"),
    path("notifications/read/", notifications.mark_read, name="notifications_read"),
    path(
        "notifications/<int:notice_id>/open/",
        notifications.open_notice,
        name="notification_open",
    ),
    path("queue/", queues.queue, name="queue"),
    path("queue/export.csv", queues.export, name="queue_export"),
    path("queue/counts/", queues.counts, name="queue_counts"),
    path("views/", queues.view_save, name="view_save"),
    path("views/<int:view_id>/delete/", queues.view_delete, name="view_delete"),
    path("tickets/<int:ticket_id>/", ticket.ticket_page, name="ticket"),
    path("tickets/<int:ticket_id>/body/", ticket.ticket_timeline, name="ticket_body"),
    path("tickets/<int:ticket_id>/presence/", ticket.presence_poll, name="presence"),
    path("tickets/<int:ticket_id>/do/<slug:action>/", ticket.ticket_action, name="action"),
    path("tickets/<int:ticket_id>/chain/", chain.panel, name="chain_panel"),
    path("tickets/<int:ticket_id>/chain/recheck/", chain.recheck, name="chain_recheck"),
    path("tickets/<int:ticket_id>/reveal/", customer.reveal, name="customer_reveal"),
    path("attachments/<int:attachment_id>/", customer.attachment, name="attachment"),
    path("kb-suggest/", knowledge.kb_suggest, name="kb_suggest"),
    path("supervisor/", supervisor.supervisor, name="supervisor"),
    path("kb/", include("walletdesk.console.kb_urls")),  # the knowledge-base editor
]
