"""Who may edit the knowledge base (pure: reads attributes of an agent, no queries)."""

EDIT_PERMISSION = "kb.change_article"


def can_edit(agent) -> bool:
    """Editors: an `editor` role once accounts has one, supervisors and admins, or anyone
    whose user holds the `kb.change_article` Django permission."""
    if agent is None:
        return False
    if agent.role == "editor" or agent.is_supervisor:
        return True
    return agent.user.has_perm(EDIT_PERMISSION)
