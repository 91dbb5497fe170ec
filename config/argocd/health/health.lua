-- Argo CD health of the four Wharf kinds (Registry, UpstreamProxy, CleanupPolicy, FirewallPolicy), read from the
-- Ready condition the operator keeps in status.conditions:
--   Healthy      Ready=True, observed at the resource's current generation;
--   Progressing  no Ready condition yet, Ready=Unknown, an older generation observed, or Ready=False for a reason
--                that heals by itself (a referenced object not created yet, pods starting);
--   Degraded     Ready=False for any other reason: a person has to change something.

-- Ready=False reasons that go away without a change to the resource itself: exactly
-- dev.wharf.operator.status.Reasons.HEALING, kind by kind (HealthCheckReasonsTest compares them both ways).
HEALS_BY_ITSELF = {
  Registry = {
    PodsStarting = true,
    RolloutInProgress = true,
    VolumePending = true,
    Retrying = true,
    -- Usually the order of a sync: the proxy or Secret is applied after the Registry naming it.
    UpstreamProxyNotFound = true,
    SecretNotFound = true
  },
  UpstreamProxy = {},
  -- The runtimes of the selected Registries have not reported the policy yet: their pods are starting.
  CleanupPolicy = {
    AwaitingRuntime = true
  },
  FirewallPolicy = {
    AwaitingRuntime = true
  }
}

-- Ready=False reasons that need a change by a person: exactly Reasons.NEEDS_A_CHANGE. Any reason in neither list
-- (one a newer operator writes) is treated the same way.
NEEDS_A_CHANGE = {
  Registry = {
    -- A pod in ImagePullBackOff, CrashLoopBackOff or Unschedulable: the image, the config or the resources must change.
    PodsFailing = true,
    UnsupportedFormat = true,
    UpstreamProxyFormatMismatch = true,
    SecretKeyMissing = true,
    ReconcileFailed = true
  },
  UpstreamProxy = {},
  CleanupPolicy = {
    -- A selector that selects nothing, or a run that failed: the policy does not do what its author expects.
    NoRegistrySelected = true,
    RunFailed = true
  },
  FirewallPolicy = {
    NoRegistrySelected = true,
    -- A rule that does not compile (a CEL expression that does not type-check): the policy is applied nowhere.
    InvalidRules = true
  }
}

local function readyCondition(status)
  if status == nil or status.conditions == nil then
    return nil
  end
  for _, condition in ipairs(status.conditions) do
    if condition.type == "Ready" then
      return condition
    end
  end
  return nil
end

local function described(condition, fallback)
  local words = condition.reason or fallback
  if condition.message ~= nil and condition.message ~= "" then
    words = words .. ": " .. condition.message
  end
  return words
end

local function health(obj)
  local ready = readyCondition(obj.status)
  if ready == nil then
    return { status = "Progressing", message = "Waiting for the Wharf operator to report Ready" }
  end
  local generation = obj.metadata and obj.metadata.generation
  local observed = ready.observedGeneration or (obj.status and obj.status.observedGeneration)
  if generation ~= nil and observed ~= nil and observed < generation then
    return { status = "Progressing", message = "Waiting for the Wharf operator to observe generation "
      .. generation .. " (Ready reflects generation " .. observed .. ")" }
  end
  if ready.status == "True" then
    return { status = "Healthy", message = described(ready, "Ready") }
  end
  if ready.status == "False" then
    local heals = HEALS_BY_ITSELF[obj.kind]
    if heals ~= nil and ready.reason ~= nil and heals[ready.reason] then
      return { status = "Progressing", message = described(ready, "NotReady") }
    end
    return { status = "Degraded", message = described(ready, "NotReady") }
  end
  return { status = "Progressing", message = described(ready, "Unknown") }
end

return health(obj)
