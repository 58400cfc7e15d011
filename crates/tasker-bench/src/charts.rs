//! SVG bar charts of a run's headline figures (plotters, SVG backend).

use std::path::Path;

use anyhow::{Result, anyhow};
use plotters::prelude::*;

use crate::report::Section;

/// One bar chart: labelled values.
fn bars(path: &Path, title: &str, y_label: &str, bars: &[(String, f64)]) -> Result<()> {
    if bars.is_empty() {
        return Ok(());
    }
    let max = bars
        .iter()
        .map(|(_, v)| *v)
        .fold(0.0_f64, f64::max)
        .max(1e-9)
        * 1.15;
    let width = (160 + 110 * bars.len()).max(480) as u32;
    let root = SVGBackend::new(path, (width, 420)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| anyhow!("{e}"))?;
    let n = bars.len();
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(70)
        .y_label_area_size(70)
        .build_cartesian_2d((0..n).into_segmented(), 0.0..max)
        .map_err(|e| anyhow!("{e}"))?;
    let labels: Vec<String> = bars.iter().map(|(l, _)| l.clone()).collect();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_desc(y_label)
        .x_labels(n)
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .x_label_style(("sans-serif", 11))
        .draw()
        .map_err(|e| anyhow!("{e}"))?;
    chart
        .draw_series(bars.iter().enumerate().map(|(i, (_, v))| {
            let mut bar = Rectangle::new(
                [
                    (SegmentValue::Exact(i), 0.0),
                    (SegmentValue::Exact(i + 1), *v),
                ],
                BLUE.mix(0.6).filled(),
            );
            bar.set_margin(0, 0, 12, 12);
            bar
        }))
        .map_err(|e| anyhow!("{e}"))?;
    chart
        .draw_series(bars.iter().enumerate().map(|(i, (_, v))| {
            Text::new(
                crate::report::fmt(*v),
                (SegmentValue::CenterOf(i), *v),
                ("sans-serif", 12),
            )
        }))
        .map_err(|e| anyhow!("{e}"))?;
    root.present().map_err(|e| anyhow!("{e}"))?;
    Ok(())
}

fn figures<'a>(sections: &'a [Section], name: &str) -> Vec<(&'a str, f64)> {
    sections
        .iter()
        .filter(|s| s.name == name)
        .flat_map(|s| s.figures.iter().map(|(k, v)| (k.as_str(), *v)))
        .collect()
}

/// Writes the charts of the sections that ran into `dir`; the file names.
pub(crate) fn write(dir: &Path, sections: &[Section]) -> Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut emit = |file: &str, title: &str, y: &str, data: Vec<(String, f64)>| -> Result<()> {
        if !data.is_empty() {
            bars(&dir.join(file), title, y, &data)?;
            written.push(file.to_owned());
        }
        Ok(())
    };
    for op in ["GetTask", "CreateTask"] {
        let data = figures(sections, "doors")
            .into_iter()
            .filter_map(|(k, v)| {
                let rest = k.strip_prefix(op)?.strip_prefix('.')?;
                let door = rest.strip_suffix(".cpu_us_per_req")?;
                Some((door.to_owned(), v))
            })
            .collect();
        emit(
            &format!("doors-{}-cpu.svg", op.to_lowercase()),
            &format!("{op}: server CPU per request by door"),
            "µs per request",
            data,
        )?;
    }
    let data = figures(sections, "e2e")
        .into_iter()
        .filter_map(|(k, v)| Some((k.strip_suffix(".steps_per_s")?.to_owned(), v)))
        .collect();
    emit(
        "e2e-steps-per-second.svg",
        "End to end: steps per second",
        "steps/s",
        data,
    )?;
    let data = figures(sections, "growth")
        .into_iter()
        .filter_map(|(k, v)| Some((k.strip_suffix(".ratio_p50")?.replace('_', " "), v)))
        .collect();
    emit(
        "growth-ratios.svg",
        "Growth: p50 latency, large store / small store",
        "ratio",
        data,
    )?;
    Ok(written)
}
