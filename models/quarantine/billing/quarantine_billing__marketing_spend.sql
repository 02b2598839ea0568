{{ cx_quarantine_select('base_billing__marketing_spend', 'billing', 'marketing_spend') }}
