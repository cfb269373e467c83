// Classifies photos with model.onnx in the browser (onnxruntime-web's WebAssembly build).
// model.json gives the class names and the input size. Each result is also kept in
// window.classified ({name, pixels, probabilities}), for tests and the curious.
"use strict";

ort.env.wasm.wasmPaths = new URL("ort/", location.href).href; // served beside this page
ort.env.wasm.numThreads = 1; // threads would need a cross-origin-isolated page

const statusLine = document.getElementById("status");
const picker = document.getElementById("photos");
const results = document.getElementById("results");
window.classified = [];

// The image's pixels at the model's size, squashed (not cropped), as 0-255 floats in
// the model's layout: height, width, channels.
async function pixelsOf(file, info) {
  const bitmap = await createImageBitmap(file, {
    resizeWidth: info.width,
    resizeHeight: info.height,
    resizeQuality: "high",
    colorSpaceConversion: "none", // the file's own numbers, as Python reads them
    premultiplyAlpha: "none",
  });
  const canvas = new OffscreenCanvas(info.width, info.height);
  const context = canvas.getContext("2d");
  context.drawImage(bitmap, 0, 0);
  const rgba = context.getImageData(0, 0, info.width, info.height).data;
  const n = info.width * info.height;
  const pixels = new Float32Array(n * info.channels);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = [rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]];
    if (info.channels === 3) {
      pixels.set([r, g, b], 3 * i);
    } else {
      pixels[i] = Math.floor((r * 299 + g * 587 + b * 114) / 1000); // as Pillow's "L"
    }
  }
  return pixels;
}

// One probability per class: a sigmoid output is the second class's probability.
function probabilitiesOf(output, info) {
  const values = Array.from(output);
  return info.outputs === 1 ? [1 - values[0], values[0]] : values;
}

function show(file, probabilities, info) {
  const ranked = probabilities
    .map((p, i) => [p, info.classes[i]])
    .sort((a, b) => b[0] - a[0])
    .slice(0, 3);
  const row = document.createElement("li");
  const image = document.createElement("img");
  image.src = URL.createObjectURL(file);
  image.alt = file.name;
  const text = document.createElement("span");
  text.textContent = `${file.name}: ` + ranked.map(([p, name]) => `${name} ${(100 * p).toFixed(1)}%`).join(", ");
  row.append(image, text);
  row.dataset.probabilities = JSON.stringify(probabilities);
  results.append(row);
}

async function main() {
  const info = await (await fetch("model.json")).json();
  const session = await ort.InferenceSession.create("model.onnx", { executionProviders: ["wasm"] });
  const inputName = session.inputNames[0];
  statusLine.textContent = `Ready: ${info.classes.length} classes, ${info.width} × ${info.height} pixels.`;
  picker.disabled = false;
  picker.addEventListener("change", async () => {
    statusLine.textContent = "Classifying…";
    for (const file of picker.files) {
      try {
        const pixels = await pixelsOf(file, info);
        const input = new ort.Tensor("float32", pixels, [1, info.height, info.width, info.channels]);
        const outputs = await session.run({ [inputName]: input });
        const probabilities = probabilitiesOf(outputs[session.outputNames[0]].data, info);
        window.classified.push({ name: file.name, pixels: Array.from(pixels), probabilities });
        show(file, probabilities, info);
      } catch (error) {
        window.classified.push({ name: file.name, error: String(error) });
        statusLine.textContent = `${file.name} could not be read as an image: ${error}`;
        return;
      }
    }
    statusLine.textContent = `Done: ${picker.files.length} photos classified.`;
  });
}

main().catch((error) => {
  statusLine.textContent = `The model could not be loaded: ${error}. Serve this folder with a web server (python -m http.server), not as a file.`;
});
