{{ cx_quarantine_select('base_helpdesk__phone_calls', 'helpdesk', 'phone_calls') }}
