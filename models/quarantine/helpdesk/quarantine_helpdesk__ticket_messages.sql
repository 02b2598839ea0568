{{ cx_quarantine_select('base_helpdesk__ticket_messages', 'helpdesk', 'ticket_messages') }}
