"""Next fire time of EventBridge schedule expressions: rate(...) and the
six-field cron(...) (minutes hours day-of-month month day-of-week year), UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

_UNITS = {"minute": 60, "minutes": 60, "hour": 3600, "hours": 3600, "day": 86400, "days": 86400}
_DOW = {"SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7}
_MON = {
    m: i
    for i, m in enumerate(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], start=1)
}


def rate_seconds(expression: str) -> int | None:
    expression = expression.strip()
    if not expression.startswith("rate(") or not expression.endswith(")"):
        return None
    value, unit = expression[5:-1].split()
    return int(value) * _UNITS[unit.lower()]


def _field(text: str, low: int, high: int, names: dict[str, int] | None = None) -> set[int] | None:
    """Values allowed by one cron field; None means any (* or ?)."""
    if text in ("*", "?"):
        return None
    values: set[int] = set()
    for part in text.split(","):
        step = 1
        if "/" in part:
            part, step_text = part.split("/")
            step = int(step_text)
        if part in ("*", ""):
            start, end = low, high
        elif "-" in part:
            a, b = part.split("-")
            start, end = _value(a, names), _value(b, names)
        else:
            start = _value(part, names)
            end = high if step != 1 else start
        values.update(range(start, end + 1, step))
    return values


def _value(text: str, names: dict[str, int] | None) -> int:
    if names and text.upper() in names:
        return names[text.upper()]
    return int(text)


def cron_next(expression: str, after: datetime, tz: tzinfo = UTC) -> datetime:
    """The first minute strictly after ``after`` that the cron expression matches,
    read as wall-clock time in ``tz`` (EventBridge Scheduler's ScheduleExpressionTimezone)."""
    body = expression.strip()[5:-1].split()
    if len(body) != 6:
        raise ValueError(f"cron needs six fields: {expression}")
    minutes = _field(body[0], 0, 59)
    hours = _field(body[1], 0, 23)
    dom = _field(body[2], 1, 31)
    months = _field(body[3], 1, 12, _MON)
    dow = _field(body[4], 1, 7, _DOW)
    years = _field(body[5], 1970, 2199)
    t = after.astimezone(tz).replace(second=0, microsecond=0) + timedelta(minutes=1)
    limit = t + timedelta(days=366 * 5)
    while t < limit:
        # Skip whole days and hours that cannot match, then minutes.
        aws_dow = (t.isoweekday() % 7) + 1  # AWS: SUN=1 ... SAT=7
        day_matches = (
            (months is None or t.month in months)
            and (years is None or t.year in years)
            and (dom is None or t.day in dom)
            and (dow is None or aws_dow in dow)
        )
        if not day_matches:
            t = t.replace(hour=0, minute=0) + timedelta(days=1)
        elif hours is not None and t.hour not in hours:
            t = t.replace(minute=0) + timedelta(hours=1)
        elif minutes is not None and t.minute not in minutes:
            t += timedelta(minutes=1)
        else:
            return t
    raise ValueError(f"cron expression never fires: {expression}")


def next_fire(expression: str, after: datetime, tz: tzinfo = UTC) -> datetime:
    seconds = rate_seconds(expression)
    if seconds is not None:
        return after + timedelta(seconds=seconds)
    if expression.strip().startswith("cron("):
        return cron_next(expression, after, tz)
    raise ValueError(f"unsupported schedule expression: {expression}")
