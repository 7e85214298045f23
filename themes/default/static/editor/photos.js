/* Photos and the logo in the form: pick or drop files, shrink them in the browser to the validator's limits (long
   edge, bytes, format), show each beside its alt text; the list's own buttons order and remove them. The files made
   here are kept in GE.files until they go into the hand-in package. */
(function () {
  "use strict";
  const GE = (window.GE = window.GE || {});
  GE.files = {}; // file name → Blob made on this page
  const urls = {};
  const OK_TYPES = /^image\/(jpeg|png|webp)$/;
  let shrinking = 0; // photos picked and still being shrunk: they hold their place in the list's limit
  let refused = []; // photos refused meanwhile: named again by the last pick to finish, whose word stays on screen

  function limits() {
    return GE.data.imageLimits || { bytes: 8 * 1024 * 1024, pixels: 40000000, edge: 2400, logoEdge: 1024 };
  }

  /** A file name the validator accepts: ASCII letters, digits and "-", unique in the profile. */
  GE.safeName = function (original, ext, taken) {
    let base = String(original).normalize("NFKC").toLowerCase().replace(/\.[^.]*$/, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
    if (!/[a-z]/.test(base)) base = "photo" + (base ? "-" + base : "");
    let name = base + ext;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}${ext}`;
    return name;
  };

  /** The picture shrunk to the limits: {blob, width, height}; a photo becomes JPEG, a logo PNG. */
  GE.shrink = async function (file, logo) {
    const lim = limits();
    let bitmap;
    try {
      bitmap = await createImageBitmap(file); // turns a phone photo upright (EXIF orientation) too
    } catch (e) {
      throw new Error(`「${file.name}」は画像として読めません。JPEG・PNG・WebP で保存した写真を選んでください。 / ` +
        `'${file.name}' cannot be read as a picture; choose a JPEG, PNG or WebP file.`);
    }
    const type = logo ? "image/png" : "image/jpeg";
    const edge = logo ? lim.logoEdge : lim.edge;
    let scale = Math.min(1, edge / Math.max(bitmap.width, bitmap.height),
      Math.sqrt(lim.pixels / (bitmap.width * bitmap.height)));
    let quality = 0.85;
    for (let tries = 0; tries < 12; tries++) {
      const width = Math.max(1, Math.round(bitmap.width * scale));
      const height = Math.max(1, Math.round(bitmap.height * scale));
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext("2d");
      if (!logo) { ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, width, height); } // a transparent PNG photo on white
      ctx.drawImage(bitmap, 0, 0, width, height);
      const blob = await new Promise((done) => canvas.toBlob(done, type, quality));
      if (blob && blob.size <= lim.bytes) return { blob, width, height };
      if (!logo && quality > 0.6) quality -= 0.1;
      else scale *= 0.8;
    }
    throw new Error(`「${file.name}」を ${lim.bytes / 1048576} MB 以下にできませんでした。 / could not make '${file.name}' small enough.`);
  };

  function photosList() {
    return document.getElementById("f-images-photos");
  }

  function names(data) {
    const images = (data || {}).images || {};
    const taken = new Set(((images.photos || []).map((p) => p && p.file)).filter(Boolean));
    if (images.logo) taken.add(images.logo);
    return taken;
  }

  function status(text) {
    const out = document.getElementById("photo-status");
    if (out) out.textContent = GE.t(text);
    GE.announce(text);
  }

  /** Add picked or dropped files as photos (up to the list's maximum), each with an empty alt text to fill in. */
  GE.addPhotos = async function (files) {
    const list = photosList();
    const max = Number(list.dataset.max || 4);
    const data = GE.collect(document.getElementById("form-root")) || {};
    const taken = names(data);
    let added = 0;
    let firstAlt = null;
    const all = Array.from(files);
    let left = []; // the files beyond the limit: named, so none is dropped without a word
    const ready = all.filter((file, i) => i < max - list.querySelectorAll(".items > .item").length - shrinking);
    left = all.slice(ready.length);
    refused.push(...left);
    shrinking += ready.length;
    for (const [i, file] of ready.entries()) {
      // a phone's photo takes seconds: say which one is being prepared, so that no one waits without a word
      status(`「${file.name}」を縮小しています（${i + 1} / ${ready.length}）… / Shrinking '${file.name}' (${i + 1} of ${ready.length}) …`);
      try {
        const made = await GE.shrink(file, false);
        const name = GE.safeName(file.name, ".jpg", taken);
        taken.add(name);
        GE.files[name] = made.blob;
        const item = GE.addItem(list);
        const fileInput = item.querySelector('[data-key="file"] input');
        fileInput.value = name;
        GE.updateCount(fileInput);
        fileInput.closest(".f").dataset.touched = "1"; // its size is said at once, its description once written or asked for
        firstAlt = firstAlt || item.querySelector('[data-key="alt"] [data-lang="ja"]');
        added++;
      } catch (e) {
        status(e.message);
      } finally {
        shrinking--;
      }
    }
    if (!shrinking) left = refused.splice(0);
    const over = left.length ? `写真は ${max} 枚までのため、${left.map((f) => `「${f.name}」`).join("")}の ${left.length} 枚は`
      + `追加していません。入れ替えるときは、先に写真を 1 枚外してください。` : "";
    const over_en = left.length ? ` At most ${max} photos: ${left.map((f) => f.name).join(", ")} (${left.length}) not added;`
      + " remove a photo first to swap." : "";
    if (!added && left.length) status(`${over} / ${over_en.trim()}`);
    if (added) {
      GE.keepFiles();
      status(`写真を ${added} 枚追加しました。それぞれの「写真の説明」を書いてください。${over} / Added ${added} photo(s); describe each.${over_en}`);
      if (firstAlt) firstAlt.focus();
      GE.refresh();
    }
  };

  GE.setLogo = async function (file) {
    try {
      const made = await GE.shrink(file, true);
      const data = GE.collect(document.getElementById("form-root")) || {};
      const taken = names(data);
      const current = ((data.images || {}).logo) || "";
      if (current) taken.delete(current);
      const name = GE.safeName("logo", ".png", taken);
      GE.files[name] = made.blob;
      GE.keepFiles();
      const input = document.getElementById("f-images-logo");
      input.value = name;
      input.closest(".f").dataset.touched = "1";
      status("ロゴを入れました。 / Logo added.");
      GE.refresh();
    } catch (e) {
      status(e.message);
    }
  };

  /** Where the form can show an image: the file made on this page, or the published copy of the profile's own. */
  GE.imageUrl = function (file, kind) {
    if (!file) return null;
    if (GE.files[file]) {
      if (!urls[file] || urls[file].blob !== GE.files[file]) {
        urls[file] = { blob: GE.files[file], url: URL.createObjectURL(GE.files[file]) };
      }
      return urls[file].url;
    }
    const slug = GE.publishedSlug;
    const images = (GE.published || {}).images || {};
    if (!slug) return null;
    const root = GE.data.root || "../";
    if (kind === "logo") return images.logo === file ? `${root}companies/${slug}/logo-192.png` : null;
    const at = (images.photos || []).findIndex((p) => p && p.file === file);
    if (at < 0) return null;
    const stem = file.replace(/\.[^.]*$/, "");
    return `${root}companies/${slug}/photo${at + 1}-${stem}-480.webp`; // the build's smallest variant (site/images.py)
  };

  /** The problems of the images in the form, as the validator would find them (a file that is not there). */
  GE.checkImages = function (data) {
    const images = (data || {}).images || {};
    const found = [];
    const missing = (file, pointer) => {
      if (!file || GE.files[file] || GE.imageUrl(file, pointer[1] === "logo" ? "logo" : "photo")) return;
      found.push({ pointer, at: pointer, rule: "image-missing", severity: "error",
        message: `画像「${file}」がまだありません。「写真を選ぶ」（ロゴは「ロゴを選ぶ」）でファイルを選んでください。 / ` +
          `The image '${file}' is not there yet; pick it with "Choose photos" ("Choose a logo").` });
    };
    if (typeof images.logo === "string") missing(images.logo, ["images", "logo"]);
    (Array.isArray(images.photos) ? images.photos : []).forEach((p, i) => {
      if (p && typeof p.file === "string") missing(p.file, ["images", "photos", i, "file"]);
    });
    for (const [name, blob] of Object.entries(GE.files)) {
      if (blob.size > limits().bytes) {
        found.push({ pointer: ["images"], at: ["images"], rule: "image-bytes", severity: "error",
          message: GE.say("image-bytes", { file: name, size: (blob.size / 1048576).toFixed(1), limit: limits().bytes / 1048576, edge: limits().edge }) });
      }
    }
    return found;
  };

  /** Show a small picture in each photo item and beside the logo. */
  GE.thumbs = function () {
    const list = photosList();
    if (!list) return;
    list.querySelectorAll(".items > .item").forEach((item) => {
      const file = item.querySelector('[data-key="file"] input').value.trim();
      let img = item.querySelector("img.thumb");
      if (!img) {
        img = document.createElement("img");
        img.className = "thumb";
        img.alt = "";
        item.querySelector(".item-head").after(img);
      }
      const src = GE.imageUrl(file, "photo");
      img.hidden = !src;
      if (src && img.getAttribute("src") !== src) img.src = src;
    });
    const logoInput = document.getElementById("f-images-logo");
    if (logoInput) {
      let img = logoInput.parentElement.querySelector("img.thumb");
      if (!img) {
        img = document.createElement("img");
        img.className = "thumb logo-thumb";
        img.alt = "";
        logoInput.after(img);
      }
      const src = GE.imageUrl(logoInput.value.trim(), "logo");
      img.hidden = !src;
      if (src && img.getAttribute("src") !== src) img.src = src;
    }
  };

  function picker(label, multiple, onFiles, id) {
    const wrap = document.createElement("div");
    wrap.className = "drop";
    const input = document.createElement("input");
    input.type = "file";
    input.id = id;
    input.accept = "image/jpeg,image/png,image/webp,image/*";
    input.multiple = multiple;
    input.className = "visually-hidden";
    const button = document.createElement("label");
    button.htmlFor = id;
    button.className = "pick";
    button.textContent = GE.t(label);
    const hint = document.createElement("span");
    hint.className = "drop-hint";
    hint.textContent = " " + GE.t("またはここにドラッグ（自動で縮小します） / or drop here (shrunk for you)");
    wrap.append(input, button, hint);
    input.addEventListener("change", () => { onFiles(Array.from(input.files)); input.value = ""; });
    wrap.addEventListener("dragover", (ev) => { ev.preventDefault(); wrap.classList.add("over"); });
    wrap.addEventListener("dragleave", () => wrap.classList.remove("over"));
    wrap.addEventListener("drop", (ev) => {
      ev.preventDefault();
      wrap.classList.remove("over");
      onFiles(Array.from(ev.dataTransfer.files).filter((f) => OK_TYPES.test(f.type) || /^image\//.test(f.type)));
    });
    return wrap;
  }

  /** Put the pickers into the generated images fields. */
  GE.setupPhotos = function () {
    const list = photosList();
    if (!list || list.querySelector(".drop")) return;
    const add = list.querySelector(':scope > [data-action="add"]');
    const drop = picker("写真を選ぶ / Choose photos", true, (files) => GE.addPhotos(files), "photo-files");
    add.before(drop);
    const out = document.createElement("p");
    out.id = "photo-status";
    out.className = "note";
    out.setAttribute("role", "status");
    drop.after(out);
    const logo = document.getElementById("f-images-logo");
    if (logo) {
      logo.closest(".f").querySelector(".err").before(
        picker("ロゴを選ぶ / Choose a logo", false, (files) => files[0] && GE.setLogo(files[0]), "logo-file"));
    }
  };
})();
