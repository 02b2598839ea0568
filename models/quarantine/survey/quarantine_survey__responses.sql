{{ cx_quarantine_select('base_survey__responses', 'survey', 'responses') }}
