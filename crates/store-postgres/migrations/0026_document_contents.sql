-- THADS schema 26 (issue 22, its gaps): what an issued document said when it was issued — the
-- filled document (every block's text, as JSON) and the template version it came from — stored
-- in the issuing transaction and never changed, so that printing it again gives what was signed.

create table document_contents (
    document_id bigint primary key references documents(id),
    template_kind text not null,
    template_from date not null,
    content text not null,
    stored_at bigint not null
);
create trigger document_contents_append_only before update or delete on document_contents
    for each row execute function refuse_change();
create trigger document_contents_append_only_truncate before truncate on document_contents
    for each statement execute function refuse_change();
