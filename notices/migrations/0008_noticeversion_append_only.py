"""On PostgreSQL, a notice's versions are kept like the rest of its record: a version row is never
deleted, never renumbered or moved to another notice, and once published it changes only by moving on
(published → superseded or withdrawn), with nothing else about it rewritten.

Drafts and versions in review still change as they are worked on (their status, the submitted document);
that is the workflow, and every such step also writes a WorkflowEvent, which is append-only itself.
"""

from django.db import migrations

FUNCTION = "portal_noticeversion_guard"
TRIGGER = "portal_noticeversion_guard"

FORWARD = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'DELETE on % refused: notice versions are append-only', TG_TABLE_NAME
            USING ERRCODE = 'raise_exception';
    END IF;
    IF NEW.notice_id <> OLD.notice_id OR NEW.number <> OLD.number OR NEW.created_at <> OLD.created_at
       OR NEW.created_by_id IS DISTINCT FROM OLD.created_by_id THEN
        RAISE EXCEPTION 'UPDATE on % refused: a version keeps its notice, number and creation',
            TG_TABLE_NAME USING ERRCODE = 'raise_exception';
    END IF;
    IF OLD.status IN ('published', 'superseded', 'withdrawn') AND NOT (
        OLD.status = 'published' AND NEW.status IN ('superseded', 'withdrawn')
        AND (to_jsonb(NEW) - 'status') = (to_jsonb(OLD) - 'status')
    ) THEN
        RAISE EXCEPTION 'UPDATE on % refused: a published version only moves on to superseded or withdrawn',
            TG_TABLE_NAME USING ERRCODE = 'raise_exception';
    END IF;
    RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS {TRIGGER} ON notices_noticeversion;
CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON notices_noticeversion
    FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();
"""

BACKWARD = f"DROP TRIGGER IF EXISTS {TRIGGER} ON notices_noticeversion; DROP FUNCTION IF EXISTS {FUNCTION}();"


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # A cursor without parameters: the function's RAISE uses %, which parameter substitution would take.
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("notices", "0007_section_lock_version")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
