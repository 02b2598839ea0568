{#- Quarantined contacts. Unlike every other model past the raw layer, this
    one shows raw personal data, so that an owner can fix the record; keep
    its access as restricted as the raw schema's. -#}
{{ cx_quarantine_select('base_crm__contacts', 'crm', 'contacts') }}
