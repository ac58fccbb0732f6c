// THADS: progressive enhancement only; every page works without this file.
// Ask before voiding a record, keep money readable while typing (761.546.547.000), offer the
// legal grounds of the event chosen, and follow an import's progress.
document.addEventListener("submit", (e) => {
  if (e.target.classList.contains("void") && !window.confirm(document.documentElement.lang === "en" ? "Void this record?" : "Hủy bản ghi này?")) {
    e.preventDefault();
  }
});
document.addEventListener("input", (e) => {
  if (e.target.id !== "event-amount") return;
  // Only digits (and the dots put between them) are regrouped; anything else stays as typed,
  // so that the server can say the amount is invalid rather than missing.
  if (!/^[\d.]*$/.test(e.target.value)) return;
  const digits = e.target.value.replace(/\D/g, "");
  e.target.value = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
});
// Legal grounds: offer only those of the event chosen in the same form (the server checks).
const showGrounds = (form) => {
  const code = form.querySelector("select[name=code]");
  const ground = form.querySelector("select.ground-choice");
  if (!code || !ground) return;
  for (const group of ground.querySelectorAll("optgroup")) {
    const mine = group.dataset.event === code.value;
    group.hidden = !mine;
    group.disabled = !mine;
  }
  const chosen = ground.selectedOptions[0];
  if (chosen && chosen.parentElement.tagName === "OPTGROUP" && chosen.parentElement.disabled) ground.value = "";
};
document.querySelectorAll("select.ground-choice").forEach((g) => showGrounds(g.form));
document.addEventListener("change", (e) => {
  if (e.target.name === "code" && e.target.form) showGrounds(e.target.form);
});
// Import page: while an import runs, poll its progress and move the bar; reload when it is over
// (without script, the page refreshes itself every two seconds).
const running = document.getElementById("import-running");
if (running) {
  const bar = document.getElementById("import-progress");
  const phase = document.getElementById("import-phase");
  const percent = document.getElementById("import-percent");
  const poll = () => fetch(running.dataset.poll, { credentials: "same-origin" })
    .then((r) => r.json())
    .then((p) => {
      if (p.finished) { window.location.reload(); return; }
      phase.textContent = p.phase;
      if (p.total) { bar.max = p.total; bar.value = p.done; percent.textContent = p.percent + "%"; }
      else { bar.removeAttribute("value"); percent.textContent = ""; }
      setTimeout(poll, 500);
    })
    .catch(() => setTimeout(poll, 2000));
  setTimeout(poll, 300);
}
// Statistics print view: the print button prints the forms.
document.querySelectorAll("[data-print]").forEach((b) => b.addEventListener("click", () => window.print()));
