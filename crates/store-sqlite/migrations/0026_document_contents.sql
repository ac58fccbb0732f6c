-- THADS schema 26 (issue 22, its gaps): what an issued document said when it was issued — the
-- filled document (every block's text, as JSON) and the template version it came from — stored
-- in the issuing transaction and never changed, so that printing it again gives what was signed.

create table document_contents (
    document_id integer primary key references documents(id),
    template_kind text not null,
    template_from text not null,
    content text not null,
    stored_at integer not null
);
create trigger document_contents_append_only_update before update on document_contents
begin select raise(abort, 'an issued document is kept as issued'); end;
create trigger document_contents_append_only_delete before delete on document_contents
begin select raise(abort, 'an issued document is kept as issued'); end;
