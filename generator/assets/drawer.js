// The navigation drawer of narrow screens (Material's #__drawer checkbox). Material opens it with a
// <label> in the header that a keyboard cannot reach, and readers.css keeps the closed drawer's links
// out of the tab order. Here the label becomes a button (named as the drawer's navigation is,
// "Navigation" in the page's language, with aria-expanded); opening moves focus into the drawer,
// tabbing out of it closes it, and Escape closes it with focus back on the button. Without
// JavaScript the label stays. Material changes the checkbox with click() too, so both stay in step.
const toggle = document.getElementById("__drawer");
const label = document.querySelector('.md-header label[for="__drawer"]');
const drawer = document.querySelector(".md-sidebar--primary");

if (toggle && label && drawer) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " fc-drawer-button";
  const nav = drawer.querySelector("nav[aria-label]");
  if (nav) button.setAttribute("aria-label", nav.getAttribute("aria-label"));
  button.append(...label.childNodes); // the menu icon
  label.replaceWith(button);

  const sync = () => button.setAttribute("aria-expanded", String(toggle.checked));
  sync();
  button.addEventListener("click", () => toggle.click());
  toggle.addEventListener("change", () => {
    sync();
    if (toggle.checked && !drawer.contains(document.activeElement)) {
      const first = drawer.querySelector('a[href], button, input:not([type=hidden]), [tabindex="0"]');
      if (first) first.focus();
    }
  });
  // Closed by a link to a part of the page (Material closes it on every change of address), focus
  // stays where the link led; closed with Escape, it goes back to the button.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !toggle.checked) return;
    const inside = drawer.contains(document.activeElement);
    toggle.click();
    if (inside) button.focus();
  });
  drawer.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (toggle.checked && next && !drawer.contains(next) && next !== button) toggle.click();
  });
}

// Zensical's modern variant: on a phone the page's sections are a panel opened by a round <label
// for="__toc"> at the bottom of the screen (partials/fc-toc-button.html), which a keyboard cannot
// reach either. It becomes a button too (its name kept, with aria-expanded); readers.css keeps the
// closed panel's links out of the tab order. Escape closes the panel with focus back on the button,
// and so does following one of its links or tabbing out of it. Material's pages have no such label.
const tocToggle = document.querySelector(".md-sidebar--secondary #__toc");
const tocLabel = document.querySelector('.md-sidebar--secondary label.md-sidebar-button[for="__toc"]');
const tocPanel = tocLabel && tocLabel.closest(".md-sidebar__scrollwrap").querySelector(".md-sidebar__inner");

if (tocToggle && tocLabel && tocPanel) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = tocLabel.className;
  if (tocLabel.title) button.title = tocLabel.title;
  button.append(...tocLabel.childNodes); // the name, for screen readers only
  tocLabel.replaceWith(button);

  const sync = () => button.setAttribute("aria-expanded", String(tocToggle.checked));
  sync();
  const close = (refocus) => {
    if (!tocToggle.checked) return;
    tocToggle.click();
    if (refocus) button.focus();
  };
  button.addEventListener("click", () => {
    tocToggle.click();
    if (tocToggle.checked) {
      const first = tocPanel.querySelector("a[href]");
      if (first) first.focus();
    }
  });
  tocToggle.addEventListener("change", sync);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && tocToggle.checked) close(tocPanel.contains(document.activeElement));
  });
  tocPanel.addEventListener("click", (event) => {
    if (event.target.closest("a[href]")) close(false);
  });
  tocPanel.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (next && !tocPanel.contains(next) && next !== button) close(false);
  });
}
