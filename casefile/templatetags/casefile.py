from django import template

register = template.Library()


@register.filter
def filesize(value) -> str:
    """Bytes as the page says them: "812 kB", "4,2 MB", "25 MB" (Dutch decimal comma)."""
    try:
        size = int(value)
    except (TypeError, ValueError):
        return ""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} kB"
    megabytes = size / (1024 * 1024)
    text = (
        f"{megabytes:.0f}" if megabytes >= 10 or megabytes == int(megabytes) else f"{megabytes:.1f}"
    )
    return f"{text.replace('.', ',')} MB"
