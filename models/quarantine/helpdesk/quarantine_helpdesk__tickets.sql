{{ cx_quarantine_select('base_helpdesk__tickets', 'helpdesk', 'tickets') }}
