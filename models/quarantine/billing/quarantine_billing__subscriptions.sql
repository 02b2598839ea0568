{{ cx_quarantine_select('base_billing__subscriptions', 'billing', 'subscriptions') }}
