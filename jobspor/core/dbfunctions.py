"""Date arithmetic in SQL that both databases do natively. Django's own forms (date subtraction, TruncMonth)
call a Python function per row on SQLite, several times slower on 100,000 rows."""

from django.db.models import DateField, Func, IntegerField


class DaysBetween(Func):
    """Whole days from the second date to the first (end - start)."""

    arity = 2
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)",
                           arg_joiner=") - julianday(", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="((%(expressions)s))", arg_joiner=")::date - (",
                           **extra)


class MonthStart(Func):
    """The first day of the date's month."""

    arity = 1
    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="date(%(expressions)s, 'start of month')", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(date_trunc('month', %(expressions)s) AS date)",
                           **extra)


class DayNumber(Func):
    """The date as Python's date.toordinal() (0001-01-01 is 1): an integer, so a Python loop over many rows reads
    plain numbers instead of making a date object per value."""

    arity = 1
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(julianday(%(expressions)s) - 1721424.5 AS INTEGER)",
                           **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="((%(expressions)s) - DATE '0001-01-01' + 1)", **extra)
