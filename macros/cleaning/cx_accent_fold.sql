{#- Text with the common accented Latin letters replaced by their base
    letter, upper case to upper case ("Télé" -> "Tele"), with translate(),
    which every engine has. Letters written as a base letter plus a combining
    accent are left as they are. -#}
{% macro cx_accent_fold(expr) -%}
    translate({{ expr }}, 'àáâãäåāçèéêëēìíîïīñòóôõöøōùúûüūýÿÀÁÂÃÄÅĀÇÈÉÊËĒÌÍÎÏĪÑÒÓÔÕÖØŌÙÚÛÜŪÝŸ', 'aaaaaaaceeeeeiiiiinooooooouuuuuyyAAAAAAACEEEEEIIIIINOOOOOOOUUUUUYY')
{%- endmacro %}
