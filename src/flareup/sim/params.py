"""Parameters of the simulator's natural history and contact layers, with units and sources.

One dataclass, :class:`Params`; every field carries ``unit`` and ``ref`` in its metadata
(:meth:`Params.describe` lists them as a table). Age-dependent values are 10-year bins
0-9, 10-19, ..., 80-89, 90+. Durations are lognormal with the given *mean and standard deviation
of the duration itself* (Covasim's ``lognormal_int`` convention, Kerr et al. 2021) rounded to whole
days, at least 1 -- except the latent and incubation periods, which are continuous: infection and
symptom onset happen at a time of day, and infectiousness is a profile over continuous time since
symptom onset (``inf_*``; see :mod:`flareup.sim.disease` and docs/methods/sim.md).

References
----------
- Kerr CC et al. (2021) Covasim: an agent-based model of COVID-19 dynamics and interventions.
  PLoS Comput Biol 17(7): e1009149.
- Lauer SA et al. (2020) The incubation period of COVID-19 ... Ann Intern Med 172: 577-582.
- Linton NM et al. (2020) Incubation period and other epidemiological characteristics ...
  J Clin Med 9(2): 538.
- Verity R et al. (2020) Estimates of the severity of coronavirus disease 2019: a model-based
  analysis. Lancet Infect Dis 20: 669-677.
- Davies NG et al. (2020) Age-dependent effects in the transmission and control of COVID-19
  epidemics. Nat Med 26: 1205-1211.
- Zhang J et al. (2020) Changes in contact patterns shape the dynamics of the COVID-19 outbreak
  in China. Science 368: 1481-1486.
- O'Driscoll M et al. (2021) Age-specific mortality and immunity patterns of SARS-CoV-2.
  Nature 590: 140-145.
- Adam DC et al. (2020) Clustering and superspreading potential of SARS-CoV-2 infections in
  Hong Kong. Nat Med 26: 1714-1719.
- Kissler SM et al. (2021) Viral dynamics of acute SARS-CoV-2 infection and applications to
  diagnostic and public health strategies. PLoS Biol 19(7): e3001333.
- Wölfel R et al. (2020) Virological assessment of hospitalized patients with COVID-2019.
  Nature 581: 465-469.
- Li Q et al. (2020) Early transmission dynamics in Wuhan, China, of novel coronavirus-infected
  pneumonia. N Engl J Med 382: 1199-1207 (incubation period: mean 5.2 days, 95th pct 12.5 days).
- Ferretti L et al. (2020) The timing of COVID-19 transmission. medRxiv 2020.09.04.20188516
  (transmission roughly centred on symptom onset; 41 % before it; the presymptomatic period is
  longer for longer incubation periods).
- Du Z et al. (2020) Serial interval of COVID-19 among publicly reported confirmed cases.
  Emerg Infect Dis 26: 1341-1343 (mean 3.96 days, 12.6 % negative).
- Ganyani T et al. (2020) Estimating the generation interval for coronavirus disease (COVID-19)
  based on symptom onset data. Euro Surveill 25(17): 2000257 (mean 5.2 days).
- He X et al. (2020) Temporal dynamics in viral shedding and transmissibility of COVID-19.
  Nat Med 26: 672-675 (infectiousness peaks around symptom onset).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from flareup.errors import ConfigError
from flareup.schema import PCR_CT_CUTOFF

if TYPE_CHECKING:  # pandas loads only when a table is asked for (describe)
    import pandas as pd

#: Contact layers, in the engine's index order.
LAYERS: Final[tuple[str, ...]] = (
    "household",
    "dormitory",
    "workplace",
    "school",
    "community",
    "between",
)
HOUSEHOLD, DORMITORY, WORKPLACE, SCHOOL, COMMUNITY, BETWEEN = range(6)
N_LAYERS: Final[int] = len(LAYERS)

#: Lower limits of the age bins of every age-dependent parameter.
AGE_BINS: Final[tuple[int, ...]] = (0, 10, 20, 30, 40, 50, 60, 70, 80, 90)

_COVASIM = "Kerr et al. 2021 PLoS Comput Biol (Covasim defaults)"


def _p(default: Any, unit: str, ref: str) -> Any:
    if isinstance(default, tuple):
        return field(default=default, metadata={"unit": unit, "ref": ref})
    return field(default=default, metadata={"unit": unit, "ref": ref})


@dataclass(frozen=True)
class Params:
    """Natural history and transmission parameters (see the module docstring for references)."""

    # --- transmission: per-contact, per-day probability of infection by layer -------------------
    beta_household: float = _p(
        0.048, "probability / contact / day", f"{_COVASIM}: beta 0.016 x household factor 3.0"
    )
    beta_dormitory: float = _p(
        0.024, "probability / contact / day", "assumption: half the household value (shared rooms)"
    )
    beta_workplace: float = _p(
        0.0096, "probability / contact / day", f"{_COVASIM}: beta 0.016 x work factor 0.6"
    )
    beta_school: float = _p(
        0.0096, "probability / contact / day", f"{_COVASIM}: beta 0.016 x school factor 0.6"
    )
    beta_community: float = _p(
        0.0048, "probability / contact / day", f"{_COVASIM}: beta 0.016 x community factor 0.3"
    )
    beta_between: float = _p(0.0048, "probability / contact / day", "assumption: as community")
    # --- contacts per day in the random-mixing layers (Poisson mean) --------------------------
    contacts_dormitory: float = _p(7.0, "contacts / day", "assumption: room mates of an 8-bed room")
    contacts_workplace: float = _p(16.0, "contacts / day", f"{_COVASIM}: hybrid work layer")
    contacts_school: float = _p(20.0, "contacts / day", f"{_COVASIM}: hybrid school layer")
    contacts_community: float = _p(20.0, "contacts / day", f"{_COVASIM}: hybrid community layer")
    contacts_between: float = _p(
        1.0, "contacts / day", "assumption: travel to other areas, destinations by gravity kernel"
    )
    # --- centralised quarantine sites (Sim(quarantine_site_size=...)): people quarantined in the
    # same site meet there (meals, corridors, shared toilets, shared rooms); 0 = no transmission
    # inside quarantine, the engine's default -----------------------------------------------
    beta_quarantine: float = _p(
        0.0,
        "probability / contact / day",
        "0 = none (default). Reported: 8-11 per 1000 cases in Hong Kong's single-room hotel "
        "quarantine infected by another guest (Adam et al. 2023 Lancet Reg Health West Pac); "
        "6.1 (4.0-8.3) quarantine failures per 1000 SARS-CoV-2-positive travellers in Australia "
        "and New Zealand (Grout et al. 2021 Med J Aust 215:320); R 1.78 under the Diamond "
        "Princess's cabin quarantine (Rocklov et al. 2020 J Travel Med 27:taaa030); fitted for "
        "kashgar-2020 (0.0803, not adopted: docs/methods/sim.md, 'Transmission inside "
        "quarantine sites, fitted')",
    )
    contacts_quarantine: float = _p(
        5.0,
        "contacts / day",
        "assumption: co-residents of a quarantine site met a day (meals, corridors, toilets); "
        "only beta_quarantine x contacts_quarantine matters while a site holds more people",
    )
    gravity_exponent: float = _p(
        2.0,
        "dimensionless (distance power)",
        "Viboud et al. 2006 Science 312:447 (gravity model of travel)",
    )
    # --- infectiousness ---------------------------------------------------------------------
    rel_inf_asymptomatic: float = _p(
        0.5,
        "relative to symptomatic",
        "Davies et al. 2020 Nat Med (subclinical infectiousness 50%)",
    )
    dispersion_k: float = _p(
        0.45,
        "gamma shape of individual infectiousness (0 = none)",
        "Adam et al. 2020 Nat Med (k = 0.43, Hong Kong); Covasim uses 0.45",
    )
    # --- timing of infectiousness (disease.inf_cdf): a profile over time since symptom onset --
    infectious_days: float = _p(
        8.0,
        "days at full infectiousness (total infectiousness of an infection)",
        "Covasim mean infectious period (asym2rec, mild2rec: 8 days; Kerr et al. 2021); "
        "R0 = beta x contacts x infectious_days x mean relative infectiousness",
    )
    inf_peak_after_onset: float = _p(
        1.5,
        "days after symptom onset",
        "chosen with inf_rise_days and inf_decay_days so that the simulator's own transmission "
        "trees give a mean serial interval ~5.0 d with ~7 % negative (Du et al. 2020 Emerg "
        "Infect Dis 26:1341: 3.96 d, 12.6 % negative; Nishiura et al. 2020: 4.7 d), a mean "
        "generation interval ~5.2 d (Ganyani et al. 2020 Euro Surveill 25:2000257: 5.2 d; "
        "Ferretti et al. 2020 Science 368:eabb6936: 5.0 d) and ~42 % of transmission before the "
        "infector's onset (Ferretti et al. 2020 medRxiv 2020.09.04.20188516: 41 %, 95 % CI "
        "31-50 %; He et al. 2020 Nat Med 26:672: 44 %)",
    )
    inf_rise_days: float = _p(
        5.0,
        "days (e-folding time of the rise before the peak)",
        "as inf_peak_after_onset: a slow rise before onset, so the presymptomatic infectious "
        "period is longer for longer incubation periods (Ferretti et al. 2020 medRxiv)",
    )
    inf_decay_days: float = _p(
        0.8,
        "days (e-folding time of the decline after the peak)",
        "as inf_peak_after_onset: infectiousness falls fast after onset (He et al. 2020 Nat "
        "Med; Hart et al. 2021 eLife 10:e65534: high infectiousness just before onset)",
    )
    # --- age-dependent (10-year bins, AGE_BINS) -------------------------------------------------
    susceptibility: tuple[float, ...] = _p(
        (0.34, 0.67, 1.00, 1.00, 1.00, 1.00, 1.24, 1.47, 1.47, 1.47),
        "relative susceptibility (odds ratio)",
        "Zhang et al. 2020 Science; Covasim sus_ORs",
    )
    p_symptomatic: tuple[float, ...] = _p(
        (0.29, 0.21, 0.27, 0.33, 0.40, 0.49, 0.63, 0.69, 0.69, 0.69),
        "probability (clinical fraction)",
        "Davies et al. 2020 Nat Med, Fig. 1 (clinical fraction)",
    )
    p_symptomatic_scale: float = _p(
        1.0,
        "multiplier of p_symptomatic (at most 1 in effect per bin)",
        "1 = Davies et al. 2020; a population's clinical fraction may be lower; fitted in "
        "kashgar-2020 (0.518) with the clinical assessment delay",
    )
    p_severe: tuple[float, ...] = _p(
        (0.00050, 0.00165, 0.00720, 0.02080, 0.03430, 0.07650, 0.13280, 0.20655, 0.24570, 0.24570),
        "probability per infection",
        "Verity et al. 2020 Lancet Infect Dis (via Covasim)",
    )
    p_critical: tuple[float, ...] = _p(
        (0.00003, 0.00008, 0.00036, 0.00104, 0.00216, 0.00933, 0.03639, 0.08923, 0.17420, 0.17420),
        "probability per infection",
        "Verity et al. 2020 Lancet Infect Dis (via Covasim)",
    )
    p_death: tuple[float, ...] = _p(
        (0.00002, 0.00002, 0.00010, 0.00032, 0.00098, 0.00265, 0.00766, 0.02439, 0.08292, 0.16190),
        "probability per infection (IFR)",
        "O'Driscoll et al. 2021 Nature (via Covasim)",
    )
    # --- durations: (mean, sd) of a lognormal in days -----------------------------------------
    dur_exposed: tuple[float, float] = _p(
        (1.0, 0.5),
        "days (mean, sd), continuous, at most the incubation period",
        "assumption: the latent period only bars transmission in the first ~day after "
        "infection; when infectiousness starts is set by the profile (inf_*)",
    )
    dur_incubation: tuple[float, float] = _p(
        (5.2, 3.9),
        "days (mean, sd), continuous",
        "Li et al. 2020 N Engl J Med 382:1199 (lognormal, mean 5.2 d, 95th percentile 12.5 d); "
        "Lauer et al. 2020 Ann Intern Med 172:577 (median 5.1 d); the onset of an asymptomatic "
        "infection is where its symptoms would have begun (its viral peak)",
    )
    dur_symptom_to_severe: tuple[float, float] = _p(
        (6.6, 4.9), "days (mean, sd)", "Linton et al. 2020 J Clin Med (Covasim sym2sev)"
    )
    dur_severe_to_critical: tuple[float, float] = _p(
        (1.5, 2.0), "days (mean, sd)", "Chen et al. 2020 J Infect (Covasim sev2crit)"
    )
    dur_asymptomatic: tuple[float, float] = _p(
        (8.0, 2.0),
        "days (mean, sd) from the would-be symptom onset",
        "Wölfel et al. 2020 Nature (Covasim asym2rec)",
    )
    dur_mild: tuple[float, float] = _p(
        (8.0, 2.0), "days (mean, sd)", "Wölfel et al. 2020 Nature (Covasim mild2rec)"
    )
    dur_severe: tuple[float, float] = _p(
        (18.1, 6.3), "days (mean, sd)", "Verity et al. 2020 Lancet Infect Dis (Covasim sev2rec)"
    )
    dur_critical: tuple[float, float] = _p(
        (18.1, 6.3), "days (mean, sd)", "Verity et al. 2020 Lancet Infect Dis (Covasim crit2rec)"
    )
    dur_critical_to_death: tuple[float, float] = _p(
        (10.7, 4.8), "days (mean, sd)", "Verity et al. 2020 Lancet Infect Dis (Covasim crit2die)"
    )
    # --- viral load as RT-PCR cycle threshold (Ct) trajectory -----------------------------------
    ct_peak_mean: float = _p(22.3, "Ct", "Kissler et al. 2021 PLoS Biol (peak Ct)")
    ct_peak_sd: float = _p(4.0, "Ct", "Kissler et al. 2021 PLoS Biol (spread of peak Ct)")
    ct_proliferation_days: float = _p(3.0, "days", "Kissler et al. 2021 PLoS Biol (proliferation)")
    ct_clearance_days_symptomatic: float = _p(
        10.5, "days", "Kissler et al. 2021 PLoS Biol (clearance, symptomatic)"
    )
    ct_clearance_days_asymptomatic: float = _p(
        7.5, "days", "Kissler et al. 2021 PLoS Biol (clearance, asymptomatic)"
    )
    ct_undetectable: float = _p(40.0, "Ct", "assumption: 40 cycles, the usual RT-PCR run")
    test_ct_cutoff: float = _p(
        PCR_CT_CUTOFF,
        "Ct",
        "schema.PCR_CT_CUTOFF: positive below Ct 40 after China CDC's 37-40 repeat (shared with pooling/)",
    )
    test_sampling_sensitivity: float = _p(
        0.95, "probability", "assumption: swab/sampling failures beyond the Ct limit"
    )

    # ------------------------------------------------------------------------------------------
    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                arr = np.asarray(value, dtype=float)
                if f.name.startswith("dur_"):
                    if arr.shape != (2,) or arr[0] <= 0 or arr[1] < 0:
                        raise ConfigError(
                            f"expected (mean > 0, sd >= 0) in days, got {value!r}", key=f.name
                        )
                elif arr.shape != (len(AGE_BINS),) or np.any(arr < 0):
                    raise ConfigError(
                        f"expected {len(AGE_BINS)} non-negative values (age bins "
                        f"{AGE_BINS}), got {value!r}",
                        key=f.name,
                    )
                elif f.name.startswith("p_") and np.any(arr > 1):
                    raise ConfigError("probabilities must be <= 1", key=f.name)
            elif isinstance(value, int | float):
                if not np.isfinite(value) or value < 0:
                    raise ConfigError(
                        f"expected a finite non-negative number, got {value!r}", key=f.name
                    )
                if (
                    f.name.startswith("beta_") or f.name == "test_sampling_sensitivity"
                ) and value > 1:
                    raise ConfigError(f"a probability must be <= 1, got {value!r}", key=f.name)
            else:
                raise ConfigError(f"expected a number, got {type(value).__name__}", key=f.name)
        sev, crit, death = (np.asarray(x) for x in (self.p_severe, self.p_critical, self.p_death))
        if np.any(crit > sev + 1e-12) or np.any(death > crit + 1e-12):
            raise ConfigError(
                "need p_death <= p_critical <= p_severe in every age bin", key="p_critical"
            )

    def replace(self, **changes: Any) -> Params:
        """A copy with ``changes`` (unknown names raise ConfigError naming the key)."""
        names = {f.name for f in dataclasses.fields(self)}
        for key in changes:
            if key not in names:
                raise ConfigError(f"unknown parameter; known: {', '.join(sorted(names))}", key=key)
        return dataclasses.replace(self, **changes)

    @classmethod
    def describe(cls) -> pd.DataFrame:
        """Table of every parameter: name, default, unit, reference."""
        import pandas as pd

        rows = [
            {
                "name": f.name,
                "default": f.default,
                "unit": f.metadata["unit"],
                "reference": f.metadata["ref"],
            }
            for f in dataclasses.fields(cls)
        ]
        return pd.DataFrame(rows)

    # --- arrays the kernels use ----------------------------------------------------------------
    def layer_betas(self) -> np.ndarray:
        """Per-contact daily transmission probability by layer (LAYERS order)."""
        return np.array([getattr(self, f"beta_{name}") for name in LAYERS], dtype=np.float64)

    def layer_contacts(self) -> np.ndarray:
        """Poisson mean of daily contacts by layer (household: every member, given as 0)."""
        return np.array(
            [0.0] + [getattr(self, f"contacts_{name}") for name in LAYERS[1:]], dtype=np.float64
        )

    def age_table(self) -> np.ndarray:
        """(10, 5) table per age bin: susceptibility, P(symptoms), P(severe | symptoms),
        P(critical | severe), P(death | critical) -- conditional as the kernels step through them."""
        sus = np.asarray(self.susceptibility, float)
        symp = np.minimum(np.asarray(self.p_symptomatic, float) * self.p_symptomatic_scale, 1.0)
        sev = np.asarray(self.p_severe, float)
        crit = np.asarray(self.p_critical, float)
        death = np.asarray(self.p_death, float)
        with np.errstate(divide="ignore", invalid="ignore"):
            sev_c = np.where(symp > 0, np.minimum(sev / symp, 1.0), 0.0)
            crit_c = np.where(sev > 0, crit / sev, 0.0)
            death_c = np.where(crit > 0, death / crit, 0.0)
        return np.column_stack([sus, symp, sev_c, crit_c, death_c]).astype(np.float64)

    def durations(self) -> np.ndarray:
        """(9, 2) array of lognormal (mu, sigma) of log-days, in DUR_* order."""
        out = np.zeros((len(DURATIONS), 2))
        for i, name in enumerate(DURATIONS):
            mean, sd = getattr(self, name)
            sigma2 = np.log1p((sd / mean) ** 2)
            out[i] = (np.log(mean) - sigma2 / 2, np.sqrt(sigma2))
        return out

    def profile_params(self) -> np.ndarray:
        """(peak after onset, rise, decay, total) of the infectiousness profile (disease.inf_cdf)."""
        return np.array(
            [
                self.inf_peak_after_onset,
                max(self.inf_rise_days, 1e-6),
                max(self.inf_decay_days, 1e-6),
                self.infectious_days,
            ],
            dtype=np.float64,
        )

    def ct_params(self) -> np.ndarray:
        """Ct trajectory and test parameters in the order the kernels read them."""
        return np.array(
            [
                self.ct_peak_mean,
                self.ct_peak_sd,
                self.ct_proliferation_days,
                self.ct_clearance_days_symptomatic,
                self.ct_clearance_days_asymptomatic,
                self.ct_undetectable,
                self.test_ct_cutoff,
                self.test_sampling_sensitivity,
            ],
            dtype=np.float64,
        )


DURATIONS: Final[tuple[str, ...]] = (
    "dur_exposed",
    "dur_incubation",
    "dur_symptom_to_severe",
    "dur_severe_to_critical",
    "dur_asymptomatic",
    "dur_mild",
    "dur_severe",
    "dur_critical",
    "dur_critical_to_death",
)
(
    D_EXPOSED,
    D_INCUBATION,
    D_SYM2SEV,
    D_SEV2CRIT,
    D_ASYM,
    D_MILD,
    D_SEVERE,
    D_CRITICAL,
    D_CRIT2DIE,
) = range(9)
